using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>What <c>aiotools lag</c> and <c>Get-EventLoopLag</c> bind: the target and how to watch it.</summary>
public sealed record LagOptions : TargetOptions
{
    /// <summary>How long to measure; ignored with <see cref="Watch"/>, which runs until canceled.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The length of one reported interval.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    public bool Watch { get; init; }

    /// <summary>When set, the report says whether the p99 delay or the oldest waiting item crossed it.</summary>
    public TimeSpan? Threshold { get; init; }

    /// <summary>Also keep the raw session as a .nettrace file (never overwritten).</summary>
    public string? TraceOut { get; init; }

    /// <summary>The runtime's session buffer: a small one loses events under load (and such intervals are dropped).</summary>
    public int BufferMegabytes { get; init; } = 64;

    /// <summary>An enqueued item with no dequeue after this long is forgotten (its dequeue event was lost, or it ran inline).</summary>
    public TimeSpan PendingExpiry { get; init; } = TimeSpan.FromSeconds(120);
}
