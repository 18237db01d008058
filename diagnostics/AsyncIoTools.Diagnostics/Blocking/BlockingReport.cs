using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Blocking;

/// <summary>The result of <c>aiotools blocking</c>: blocking sites, most blocked time first.</summary>
public sealed record BlockingReport(
    DotNetTarget Target,
    double Seconds,
    CaptureEnd End,
    IReadOnlyList<BlockingSite> Sites,
    long WaitEvents,
    long ProfilerSamples,
    int PoolThreads,
    string? TraceFile);
