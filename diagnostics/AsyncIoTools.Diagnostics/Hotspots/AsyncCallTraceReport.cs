using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// <c>aiotools hotspots --trace</c>: async calls timed from the TPL event source's causality events, with what the
/// tracing cost the target (its CPU use just before the session and during it).
/// </summary>
public sealed record AsyncCallTraceReport(
    DotNetTarget Target,
    double Seconds,
    CaptureEnd End,
    IReadOnlyList<AsyncCallTiming> Methods,
    long Events,
    double TargetCpuPercentBefore,
    double TargetCpuPercentDuring)
{
    /// <summary>The share of the time traced: 1 unless the target emitted more than the event budget and was sampled.</summary>
    public double FollowedFraction { get; init; } = 1;
}
