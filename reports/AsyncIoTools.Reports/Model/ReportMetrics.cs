using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// The metrics a report can show, in column order. Keys match <c>SummaryPoint</c>'s JSON names; values are in base
/// units (µs, bytes, bytes per second) whatever the summary stores.
/// </summary>
public static class ReportMetrics
{
    private const double Mebibyte = 1024.0 * 1024;

    /// <summary>Responses from this size up (file serving) make bytes per second and CPU per byte relevant.</summary>
    public const double LargeResponseBytes = 64 * 1024;

    public static Metric Throughput { get; } = new()
    {
        Key = "requestsPerSecond",
        Title = "Throughput",
        Description = "requests per second",
        Kind = QuantityKind.Rate,
        HigherIsBetter = true,
        PerTrial = t => t.Client.RequestsPerSecond,
        FromSummary = s => s.RequestsPerSecond,
    };

    public static Metric MebibytesPerSecond { get; } = new()
    {
        Key = "mebibytesPerSecond",
        Title = "Sent",
        Description = "bytes the server sent per second",
        Kind = QuantityKind.ByteRate,
        HigherIsBetter = true,
        PerTrial = t => t.Client.DurationSeconds > 0 ? t.Counters.BytesOut / t.Client.DurationSeconds : null,
        FromSummary = s => s.MebibytesPerSecond,
        SummaryScale = Mebibyte,
        Visibility = MetricVisibility.MovedBytes,
    };

    public static Metric P50 { get; } = Latency("p50Micros", "p50", "median latency", t => t.Client.Latency.P50Micros, s => s.P50Micros);

    public static Metric P99 { get; } = Latency("p99Micros", "p99", "99th percentile latency", t => t.Client.Latency.P99Micros, s => s.P99Micros);

    public static Metric P999 { get; } = Latency("p999Micros", "p99.9", "99.9th percentile latency", t => t.Client.Latency.P999Micros, s => s.P999Micros);

    public static Metric CpuPerRequest { get; } = new()
    {
        Key = "cpuMicrosPerRequest",
        Title = "CPU/req",
        Description = "server CPU (user + system) per request",
        Kind = QuantityKind.Time,
        HigherIsBetter = false,
        PerTrial = t => t.Server.CpuMicrosPerRequest,
        FromSummary = s => s.CpuMicrosPerRequest,
        Visibility = MetricVisibility.PerRequest,
    };

    public static Metric UnchargedCpuPerRequest { get; } = new()
    {
        Key = "unchargedCpuMicrosPerRequest",
        Title = "Uncharged CPU/req",
        Description = "CPU per request no process was charged for (the kernel's softirq threads, softirq on idle CPUs): on loopback the traffic's own network work, in neither the server's CPU/req nor the load's",
        Kind = QuantityKind.Time,
        HigherIsBetter = false,
        PerTrial = t => t.System?.UnchargedCpuMicrosPerRequest,
        FromSummary = s => s.UnchargedCpuMicrosPerRequest,
        Visibility = MetricVisibility.PerRequest,
    };

    public static Metric CpuPerMebibyte { get; } = new()
    {
        Key = "cpuMicrosPerMebibyte",
        Title = "CPU/MiB",
        Description = "server CPU per MiB sent",
        Kind = QuantityKind.Time,
        HigherIsBetter = false,
        PerTrial = t => t.Counters.BytesOut > 0 ? (t.Server.CpuUserMicros + t.Server.CpuSystemMicros) / (t.Counters.BytesOut / Mebibyte) : null,
        FromSummary = s => s.CpuMicrosPerMebibyte,
        Visibility = MetricVisibility.MovedBytes,
    };

    public static Metric SyscallsPerRequest { get; } = new()
    {
        Key = "syscallsPerRequest",
        Title = "Syscalls/req",
        Description = "system calls per request",
        Kind = QuantityKind.Number,
        HigherIsBetter = false,
        PerTrial = t => t.Counters.SyscallsCounted ? t.Counters.SyscallsPerRequest : null,
        FromSummary = s => s.SyscallsPerRequest,
    };

    public static Metric SegmentsPerRequest { get; } = new()
    {
        Key = "segmentsPerRequest",
        Title = "Segments/req",
        Description = "TCP segments per request (whole host, both directions on loopback)",
        Kind = QuantityKind.Number,
        HigherIsBetter = false,
        PerTrial = t => t.System?.SegmentsPerRequest,
        FromSummary = s => s.SegmentsPerRequest,
        Visibility = MetricVisibility.TcpSettings,
    };

    public static Metric Errors { get; } = new()
    {
        Key = "errors",
        Title = "Errors",
        Description = "request errors over all trials",
        Kind = QuantityKind.Count,
        HigherIsBetter = false,
        PerTrial = t => t.Client.Errors.Total,
        FromSummary = s => s.Errors,
        Aggregate = MetricAggregate.Sum,
    };

    public static Metric RampTime { get; } = new()
    {
        Key = "rampSeconds",
        Title = "Ramp",
        Description = "time to open every connection",
        Kind = QuantityKind.Time,
        HigherIsBetter = false,
        PerRun = r => r.Ramp?.Elapsed.TotalMicroseconds,
        FromSummary = s => s.RampSeconds,
        SummaryScale = 1e6,
        Visibility = MetricVisibility.HeldConnections,
    };

    public static Metric RssPerConnection { get; } = new()
    {
        Key = "rssBytesPerConnection",
        Title = "RSS/conn",
        Description = "server memory (RSS) growth per open connection",
        Kind = QuantityKind.Bytes,
        HigherIsBetter = false,
        PerRun = r => r.Memory?.RssBytesPerConnection,
        FromSummary = s => s.RssBytesPerConnection,
        Visibility = MetricVisibility.HeldConnections,
    };

    public static Metric KernelPerConnection { get; } = new()
    {
        Key = "kernelBytesPerConnection",
        Title = "Kernel/conn",
        Description = "kernel socket memory per connection (both ends on loopback)",
        Kind = QuantityKind.Bytes,
        HigherIsBetter = false,
        PerRun = r => r.Memory?.KernelBytesPerConnection,
        FromSummary = s => s.KernelBytesPerConnection,
        Visibility = MetricVisibility.HeldConnections,
    };

    /// <summary>Every metric, in the order of a table's columns.</summary>
    public static IReadOnlyList<Metric> All { get; } =
        [Throughput, MebibytesPerSecond, P50, P99, P999, CpuPerRequest, UnchargedCpuPerRequest, CpuPerMebibyte, SyscallsPerRequest, SegmentsPerRequest, Errors, RampTime, RssPerConnection, KernelPerConnection];

    /// <summary>The metrics drawn against a sweep's axis, where the scenario shows them.</summary>
    public static IReadOnlyList<Metric> Charted { get; } = [CpuPerRequest, CpuPerMebibyte, Throughput, MebibytesPerSecond, P99, SyscallsPerRequest, SegmentsPerRequest];

    public static Metric? Find(string key) => All.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase));

    private static Metric Latency(string key, string title, string description, Func<TrialResult, double?> perTrial, Func<SummaryPoint, double?> summary) => new()
    {
        Key = key,
        Title = title,
        Description = description,
        Kind = QuantityKind.Time,
        HigherIsBetter = false,
        PerTrial = perTrial,
        FromSummary = summary,
    };
}
