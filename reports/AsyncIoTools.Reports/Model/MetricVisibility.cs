namespace AsyncIoTools.Reports.Model;

/// <summary>
/// Which scenarios a metric earns a column in (see <see cref="ScenarioColumns"/>); in every case a column no row
/// measured is left out.
/// </summary>
public enum MetricVisibility
{
    /// <summary>Every scenario: throughput, latency, syscalls, errors.</summary>
    Always,

    /// <summary>Scenarios that serve requests, not bytes: CPU per request (where bytes are moved, CPU per MiB says more).</summary>
    PerRequest,

    /// <summary>Scenarios that move bytes (echo, file, or responses of 64 KiB and more): MiB/s and CPU per MiB.</summary>
    MovedBytes,

    /// <summary>Scenarios whose cases change TCP settings (Nagle, cork, buffers, keepalive, Fast Open): segments per request.</summary>
    TcpSettings,

    /// <summary>Scenarios holding 1,000 connections or more: memory per connection and ramp time, in a table of their own.</summary>
    HeldConnections,
}
