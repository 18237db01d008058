namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>What the session saw, to compare with another tool (dotnet-trace) and to judge the figures.</summary>
public sealed record LagEventCounts(
    long Enqueues,
    long Dequeues,
    long Matched,
    long UnmatchedDequeues,
    long Forgotten,
    long LostEvents,
    double EventsPerSecond);
