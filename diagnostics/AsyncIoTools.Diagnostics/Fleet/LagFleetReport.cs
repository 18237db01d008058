using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Fleet;

/// <summary>A fleet session: one lag report per process watched, in process-id order.</summary>
public sealed record LagFleetReport(IReadOnlyList<LagReport> Targets, bool Canceled)
{
    public bool ThresholdExceeded => Targets.Any(t => t.ThresholdExceeded);

    /// <summary>True when every process watched exited while it was watched.</summary>
    public bool AllExited => Targets.Count > 0 && Targets.All(t => t.End == CaptureEnd.TargetExited);
}
