using AsyncIoTools.Diagnostics.Fleet;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>A watch that ended: the incidents it wrote, and the lag session of every process watched.</summary>
public sealed record WatchReport(IReadOnlyList<Incident> Incidents, LagFleetReport Lag)
{
    public bool AllExited => Lag.AllExited;
}
