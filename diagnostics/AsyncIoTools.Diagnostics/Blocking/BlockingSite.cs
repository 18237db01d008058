namespace AsyncIoTools.Diagnostics.Blocking;

/// <summary>
/// One place that blocks pool threads: the method that called into the wait (or the sleep), the framework method
/// it entered, how many times, and for how long in total. For sleeps, <see cref="Count"/> counts 1 ms profiler
/// samples and the time is estimated from them.
/// </summary>
public sealed record BlockingSite(
    BlockingKind Kind,
    string Method,
    string Via,
    long Count,
    double BlockedMilliseconds,
    IReadOnlyList<string> ExampleStack);
