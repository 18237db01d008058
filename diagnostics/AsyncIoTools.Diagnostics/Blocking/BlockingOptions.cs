using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Blocking;

/// <summary>What <c>aiotools blocking</c> binds: the target, how long to record, and how much to show.</summary>
public sealed record BlockingOptions : TargetOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Keep the raw session (stacks and rundown included) as a .nettrace file; never overwritten.</summary>
    public string? TraceOut { get; init; }

    /// <summary>How many blocking sites to report, most blocked time first.</summary>
    public int Top { get; init; } = 15;

    /// <summary>Also count waits on threads that are not pool workers (the timer thread alone makes ~1,000 a second).</summary>
    public bool AllThreads { get; init; }

    public int BufferMegabytes { get; init; } = 256;
}
