using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>The result of a lag session: whole-session figures, every interval, and how the session ended.</summary>
public sealed record LagReport(
    DotNetTarget Target,
    LagSummary Summary,
    IReadOnlyList<LagInterval> Intervals,
    LagEventCounts Events,
    CaptureEnd End,
    TimeSpan? Threshold,
    string? TraceFile)
{
    /// <summary>True when a threshold was given and the p99 delay, the oldest waiting item or a pool serving nothing crossed it.</summary>
    public bool ThresholdExceeded =>
        Threshold is { } limit
        && Math.Max(Summary.P99Micros, Math.Max(Summary.OldestPendingMicros, Summary.NothingServedMicros)) > (long)limit.TotalMicroseconds;
}
