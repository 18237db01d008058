namespace AsyncIoTools.Cli.Rendering.Diagnostics;

/// <summary>
/// What the lag header line says before the first interval arrives; <see cref="DiagnosticPort"/> when the app was
/// attached from its start through that port.
/// </summary>
public sealed record LagReportHeader(int ProcessId, string Name, string RuntimeVersion, TimeSpan Interval, bool Watch)
{
    public string? DiagnosticPort { get; init; }
}
