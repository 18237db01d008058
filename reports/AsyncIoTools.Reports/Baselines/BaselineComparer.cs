using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Inputs;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Baselines;

/// <summary>
/// Compares rows that match on scenario, workload, point and engine. A metric regresses when it moves in its worse
/// direction by more than the threshold AND by more than the two figures' 95% intervals allow together, so that
/// noisy trials widen the allowance instead of raising false alarms. Error counts regress on any increase.
/// </summary>
public static class BaselineComparer
{
    public static BaselineComparison Compare(
        IReadOnlyList<ScenarioGroup> current,
        IReadOnlyList<ScenarioGroup> baseline,
        IReadOnlyList<ReportSource> currentSources,
        IReadOnlyList<ReportSource> baselineSources,
        double threshold)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(currentSources);
        ArgumentNullException.ThrowIfNull(baselineSources);
        var before = Index(baseline);
        var after = Index(current);
        var rows = new List<RowChange>();
        foreach (var (key, (row, point, columns)) in after)
        {
            if (!before.TryGetValue(key, out var old) || !row.Completed || !old.Row.Completed)
            {
                continue;
            }

            var changes = columns
                .Where(m => row.Figure(m) is not null && old.Row.Figure(m) is not null)
                .Select(m => Change(m, old.Row.Figure(m)!, row.Figure(m)!, threshold))
                .OfType<MetricChange>()
                .ToList();
            rows.Add(new RowChange(key.Scenario, point, row.Label, changes, row.Source.Origin, old.Row.Source.Origin));
        }

        return new BaselineComparison(
            threshold,
            rows,
            before.Where(b => !after.ContainsKey(b.Key)).Select(b => Describe(b.Key, b.Value.Point)).ToList(),
            after.Where(a => !before.ContainsKey(a.Key)).Select(a => Describe(a.Key, a.Value.Point)).ToList(),
            Caveats(currentSources, baselineSources));
    }

    private static MetricChange? Change(Metric metric, Figure old, Figure now, double threshold)
    {
        if (metric.Kind == QuantityKind.Count)
        {
            var difference = now.Median - old.Median;
            var verdict = difference > 0 ? ChangeVerdict.Regressed : difference < 0 ? ChangeVerdict.Improved : ChangeVerdict.Unchanged;
            return new MetricChange(metric, old, now, difference, 0, verdict);
        }

        if (old.Median == 0)
        {
            return null;
        }

        var change = (now.Median - old.Median) / Math.Abs(old.Median);
        var worse = metric.HigherIsBetter ? -change : change;
        var allowance = Math.Max(threshold, old.RelativeHalfWidth + now.RelativeHalfWidth);
        var result = worse > allowance ? ChangeVerdict.Regressed : -worse > allowance ? ChangeVerdict.Improved : ChangeVerdict.Unchanged;
        return new MetricChange(metric, old, now, change, allowance, result);
    }

    /// <summary>Every row by scenario, point and row label, with the point in words and the metrics its scenario shows.</summary>
    private static Dictionary<(string Scenario, PointSettings Point, string Row), (EngineRow Row, string Point, IReadOnlyList<Metric> Columns)> Index(IReadOnlyList<ScenarioGroup> groups)
    {
        var index = new Dictionary<(string, PointSettings, string), (EngineRow, string, IReadOnlyList<Metric>)>();
        foreach (var group in groups)
        {
            var columns = ScenarioColumns.For(group).All.ToList();
            foreach (var point in group.Points)
            {
                foreach (var row in point.Rows)
                {
                    index[(group.Name, point.Settings, row.Label)] = (row, PointText.Of(point, group), columns);
                }
            }
        }

        return index;
    }

    private static string Describe((string Scenario, PointSettings Point, string Row) key, string point) =>
        $"{key.Row} in {key.Scenario} at {point}";

    private static List<string> Caveats(IReadOnlyList<ReportSource> current, IReadOnlyList<ReportSource> baseline)
    {
        var caveats = new List<string>();
        var machinesNow = current.Select(s => MachineIdentity.Of(s.Result.Environment)).Distinct().ToList();
        var machinesBefore = baseline.Select(s => MachineIdentity.Of(s.Result.Environment)).Distinct().ToList();
        if (machinesNow.Union(machinesBefore).Count() > 1)
        {
            caveats.Add($"the baseline and the current results come from different machines ({string.Join("; ", machinesBefore.Select(m => m.Describe()))} vs {string.Join("; ", machinesNow.Select(m => m.Describe()))}): changes mix the code with the machine");
        }

        var softwareNow = current.Select(s => s.Result.Environment.Dotnet).Distinct(StringComparer.Ordinal).ToList();
        var softwareBefore = baseline.Select(s => s.Result.Environment.Dotnet).Distinct(StringComparer.Ordinal).ToList();
        if (softwareNow.Union(softwareBefore).Count() > 1)
        {
            caveats.Add($"the .NET runtime differs ({string.Join(", ", softwareBefore)} vs {string.Join(", ", softwareNow)})");
        }

        if (Interleaving(baseline) is { } before && Interleaving(current) is { } now && before != now)
        {
            caveats.Add($"the baseline's trials were {before} and the current ones {now}: an interleaved trial has a server, a warm-up and a minute of its own, so figures can move with the way they were measured");
        }

        return caveats;
    }

    /// <summary>How the sources' trials were measured, when they agree: "interleaved" or "measured in turn".</summary>
    private static string? Interleaving(IReadOnlyList<ReportSource> sources)
    {
        var ways = sources.Select(s => s.Result.Interleaved).Distinct().ToList();
        return ways.Count == 1 ? ways[0] ? "interleaved" : "measured in turn" : ways.Count > 1 ? "partly interleaved" : null;
    }
}
