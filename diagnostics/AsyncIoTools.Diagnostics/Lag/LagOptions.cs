using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>What <c>aiotools lag</c> and <c>Get-EventLoopLag</c> bind: the target and how to watch it.</summary>
public sealed record LagOptions : TargetOptions
{
    /// <summary>How long to measure; <see cref="Timeout.InfiniteTimeSpan"/> (or <see cref="Watch"/>): until canceled.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The length of one reported interval.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    public bool Watch { get; init; }

    public override bool NamesRunningProcesses => base.NamesRunningProcesses || ProcessIds.Count > 0 || ProcessNames.Count > 0 || AllProcesses;

    /// <summary>True when the session ends only by cancellation (Ctrl+C), or when every target has gone.</summary>
    public bool RunsUntilCanceled => Watch || Duration == Timeout.InfiniteTimeSpan;

    /// <summary>More processes to watch at once, beside <see cref="TargetOptions.ProcessId"/>.</summary>
    public IReadOnlyList<int> ProcessIds { get; init; } = [];

    /// <summary>More names whose processes to watch, beside <see cref="TargetOptions.ProcessName"/> (each: every process of that name).</summary>
    public IReadOnlyList<string> ProcessNames { get; init; } = [];

    /// <summary>Every .NET process of this user (or of <see cref="User"/>), including ones that start later.</summary>
    public bool AllProcesses { get; init; }

    /// <summary>With <see cref="AllProcesses"/>: whose processes (a name or uid); null: the user running aiotools.</summary>
    public string? User { get; init; }

    /// <summary>Write the delays of every interval of every process to this HdrHistogram interval log (.hlog).</summary>
    public string? HlogPath { get; init; }

    /// <summary>Serve Prometheus metrics (<c>/metrics</c>) on this port while watching.</summary>
    public int? MetricsPort { get; init; }

    /// <summary>The address the metrics endpoint listens on.</summary>
    public string MetricsBind { get; init; } = "127.0.0.1";

    /// <summary>Also push the metrics over OTLP (HTTP/protobuf) to this collector endpoint, e.g. http://localhost:4318.</summary>
    public Uri? OtlpEndpoint { get; init; }

    /// <summary>When set, the report says whether the p99 delay or the oldest waiting item crossed it.</summary>
    public TimeSpan? Threshold { get; init; }

    /// <summary>Also keep the raw session as a .nettrace file (never overwritten).</summary>
    public string? TraceOut { get; init; }

    /// <summary>The runtime's session buffer: a small one loses events under load (and such intervals are dropped).</summary>
    public int BufferMegabytes { get; init; } = 64;

    /// <summary>An enqueued item with no dequeue after this long is forgotten (its dequeue event was lost, or it ran inline).</summary>
    public TimeSpan PendingExpiry { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// Work-item events per second the target may emit and still be followed throughout; above it, items are followed
    /// in one window per interval, sized to it (<see cref="EventPipe.SessionSampling"/>). At about 0.7 µs each, 15,000 a second
    /// cost the target about 1% of one CPU.
    /// </summary>
    public double EventBudget { get; init; } = 15_000;
}
