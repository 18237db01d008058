using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// Every point measured of one scenario (same name and workload), each point a table; a scenario whose points
/// differ is a sweep and is also drawn as charts along its <see cref="Axis"/>: the parameter its runs recorded as
/// swept, else the first that varies (results from before the catalogue recorded none).
/// </summary>
public sealed record ScenarioGroup(string Name, BenchmarkScenario Scenario, string Workload, IReadOnlyList<ScenarioPoint> Points)
{
    /// <summary>The parameters whose value differs between points, in <see cref="SweepAxes.All"/> order.</summary>
    public IReadOnlyList<SweepAxis> Varying { get; } = SweepAxes.All.Where(a => Points.Select(p => p.Settings.Value(a)).Distinct().Count() > 1).ToList();

    public SweepAxis Axis
    {
        get
        {
            var recorded = Points.SelectMany(p => p.Rows).Select(r => SweepAxes.Parse(r.Run.SweepParameter)).FirstOrDefault(Varying.Contains);
            return recorded != SweepAxis.None ? recorded : Varying.Count > 0 ? Varying[0] : SweepAxis.None;
        }
    }

    /// <summary>The point's value on <see cref="Axis"/>, or null where it has none (a closed-loop point among rates).</summary>
    public double? AxisValue(ScenarioPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.Settings.Value(Axis);
    }

    /// <summary>The scenario's description of a case, when its file describes it.</summary>
    public string? CaseDescription(string name) => Scenario.Cases?.FirstOrDefault(c => c.Name == name)?.Description;

    /// <summary>A case's place in the scenario's own order; cases it does not list come after, and "default" first.</summary>
    public int CaseRank(string name) => CaseRank(Scenario, name);

    /// <summary>A case's place in <paramref name="scenario"/>'s order; cases it does not list come after, and "default" first.</summary>
    public static int CaseRank(BenchmarkScenario scenario, string name)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var index = scenario.Cases?.Select(c => c.Name).ToList().IndexOf(name) ?? -1;
        return index >= 0 ? index : name == ScenarioCase.Default.Name ? -1 : int.MaxValue;
    }

    /// <summary>A file-name-safe form of the name for chart files: lower case letters, digits and dashes.</summary>
    public string Slug => Slugs.Of(Name);
}
