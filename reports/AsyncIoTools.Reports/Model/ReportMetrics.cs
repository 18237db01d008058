using AsyncIoTools.Reports.Formatting;

namespace AsyncIoTools.Reports.Model;

/// <summary>The metrics a comparison table can show, in column order. Keys match <c>SummaryPoint</c>'s JSON names.</summary>
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
        Visibility = MetricVisibility.WhenMeasured,
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
        Visibility = MetricVisibility.WhenMeasured,
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
        Visibility = MetricVisibility.WhenMeasured,
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

    public static Metric BytesPerSecond { get; } = new()
    {
        Key = "bytesPerSecond",
        Title = "Received",
        Description = "bytes the clients received per second",
        Kind = QuantityKind.ByteRate,
        HigherIsBetter = true,
        PerTrial = t => t.Client.DurationSeconds > 0 ? t.Client.BytesReceived / t.Client.DurationSeconds : null,
        Visibility = MetricVisibility.LargeResponses,
    };

    public static Metric CpuPerMebibyte { get; } = new()
    {
        Key = "cpuMicrosPerMebibyte",
        Title = "CPU/MiB",
        Description = "server CPU per MiB sent",
        Kind = QuantityKind.Time,
        HigherIsBetter = false,
        PerTrial = t => t.Counters.BytesOut > 0 ? (t.Server.CpuUserMicros + t.Server.CpuSystemMicros) / (t.Counters.BytesOut / Mebibyte) : null,
        Visibility = MetricVisibility.LargeResponses,
    };

    /// <summary>Every metric, in the order of a comparison table's columns.</summary>
    public static IReadOnlyList<Metric> All { get; } =
        [Throughput, BytesPerSecond, P50, P99, P999, CpuPerRequest, CpuPerMebibyte, SyscallsPerRequest, RssPerConnection, Errors];

    /// <summary>The metrics drawn against a sweep's axis.</summary>
    public static IReadOnlyList<Metric> Charted { get; } = [CpuPerRequest, Throughput, P99, SyscallsPerRequest];

    /// <summary>False for the large-response metrics on rows with small responses, where they only restate req/s and CPU/req.</summary>
    public static bool AppliesTo(Metric metric, EngineRow row)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(row);
        return metric.Visibility != MetricVisibility.LargeResponses || row.BytesPerRequest >= LargeResponseBytes;
    }

    public static Metric? Find(string key) => All.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase));

    private static Metric Latency(string key, string title, string description, Func<Benchmarks.Results.TrialResult, double?> perTrial, Func<Benchmarks.Results.SummaryPoint, double?> summary) => new()
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
