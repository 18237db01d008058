namespace AsyncIoTools.Diagnostics.Blocking;

/// <summary>
/// One place that blocks pool threads: the method that called into the wait (or the sleep), the framework method
/// it entered, how many times, and for how long in total. <see cref="Count"/> adds the waits seen to start and the
/// 1 ms profiler samples of threads found sleeping or already blocked; each sample stands for 1 ms of blocked time.
/// </summary>
public sealed record BlockingSite(
    BlockingKind Kind,
    string Method,
    string Via,
    long Count,
    double BlockedMilliseconds,
    IReadOnlyList<string> ExampleStack)
{
    /// <summary>How many of <see cref="Count"/> are 1 ms profiler samples (sleeps, and waits begun before the session).</summary>
    public long Samples { get; init; }

    /// <summary>How many of <see cref="Count"/> are waits seen to start: calls that blocked.</summary>
    public long Waits => Count - Samples;
}
