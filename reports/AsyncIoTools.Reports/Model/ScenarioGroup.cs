using AsyncIoTools.Benchmarks.Results;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// Every point measured of one scenario (same name and workload), each point a table; a scenario with several
/// points is a sweep and is also drawn as charts along its <see cref="Axis"/>.
/// </summary>
public sealed record ScenarioGroup(string Name, BenchmarkScenario Scenario, string Workload, IReadOnlyList<ScenarioPoint> Points)
{
    public SweepAxis Axis =>
        Points.Select(p => p.Connections).Distinct().Count() > 1 ? SweepAxis.Connections
        : Points.Select(p => p.Active).Distinct().Count() > 1 ? SweepAxis.Active
        : SweepAxis.None;

    public int AxisValue(ScenarioPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Axis == SweepAxis.Active ? point.Active : point.Connections;
    }

    /// <summary>A file-name-safe form of the name for chart files: lower case letters, digits and dashes.</summary>
    public string Slug => Slugs.Of(Name);
}
