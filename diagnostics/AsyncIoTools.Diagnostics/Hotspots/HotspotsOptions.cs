using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>What <c>aiotools hotspots</c> binds.</summary>
public sealed record HotspotsOptions : TargetOptions
{
    /// <summary>How many async methods to report, most pending first.</summary>
    public int Top { get; init; } = 20;

    /// <summary>
    /// How long the heap walk may keep the target suspended; past it the snapshot is stopped and the target continued.
    /// </summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Opt-in: instead of one heap snapshot, trace async method starts and ends with the TPL event source for
    /// <see cref="Duration"/>. Continuous per-method timing, at a real CPU cost in the target (the report says how much).
    /// </summary>
    public bool Trace { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// With <see cref="Trace"/>: async-call events per second the target may emit and still be traced throughout;
    /// above it, one window a second sized to it (<see cref="EventPipe.SessionSampling"/>). At about 1 µs each,
    /// 10,000 a second cost the target about 1% of one CPU.
    /// </summary>
    public double EventBudget { get; init; } = 10_000;
}
