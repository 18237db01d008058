namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>What the session saw, to compare with another tool (dotnet-trace) and to judge the figures.</summary>
public sealed record LagEventCounts(
    long Enqueues,
    long Dequeues,
    long Matched,
    long UnmatchedDequeues,
    long Forgotten,
    long LostEvents,
    double EventsPerSecond)
{
    /// <summary>Items still unserved when a burst of a sampled session ended: their waits count as the oldest waiting, not in the percentiles.</summary>
    public long Censored { get; init; }
}
