using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Charts;

/// <summary>
/// A sweep drawn as lines: one series per row (engine, variant and case), the sweep's axis across, one metric up.
/// Values stay in base units; <see cref="YUnit"/> is chosen from all of them. The x axis is logarithmic when it spans
/// 10× or more; <see cref="XLabels"/> are the tick labels of <see cref="XValues"/>, in the axis's own unit.
/// </summary>
public sealed record LineChart(string Title, string XTitle, string YTitle, DisplayUnit YUnit, IReadOnlyList<double> XValues, IReadOnlyList<ChartSeries> Series)
{
    /// <summary>One label per x value; numbers as 100, 1k, 10k unless given.</summary>
    public IReadOnlyList<string> XLabels { get; init; } = [.. XValues.Select(PointText.AxisLabel)];

    public bool LogarithmicX => XValues.Count > 1 && XValues[0] > 0 && XValues[^1] / XValues[0] >= 10;

    /// <summary>The label of one of <see cref="XValues"/>.</summary>
    public string XLabel(double x)
    {
        var index = XValues.ToList().IndexOf(x);
        return index >= 0 && index < XLabels.Count ? XLabels[index] : PointText.AxisLabel(x);
    }

    /// <summary>
    /// The chart of <paramref name="metric"/> along <paramref name="group"/>'s sweep, or null when no row has two points
    /// of it. When another parameter varies too, its value is part of each series' name, so that no line mixes them.
    /// </summary>
    public static LineChart? Of(ScenarioGroup group, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(metric);
        var axis = group.Axis;
        var others = group.Varying.Where(a => a != axis).ToList();
        string SeriesName(ScenarioPoint point, EngineRow row) =>
            others.Count == 0 ? row.Label : $"{row.Label} ({string.Join(", ", others.Select(a => SweepAxes.Describe(a, point.Settings)))})";

        var measured = group.Points
            .Where(p => group.AxisValue(p) is not null)
            .SelectMany(p => p.Completed.Select(r => (Point: p, X: group.AxisValue(p)!.Value, Row: r)))
            .Where(x => x.Row.Figure(metric) is not null)
            .ToList();
        var series = measured
            .GroupBy(x => SeriesName(x.Point, x.Row), StringComparer.Ordinal)
            .Select(g => new ChartSeries(g.Key, g.Select(x => (x.X, x.Row.Figure(metric)!.Median)).OrderBy(p => p.X).ToList()))
            .Where(s => s.Points.Count >= 2)
            .ToList();
        if (series.Count == 0)
        {
            return null;
        }

        // Keep the table's row order (road order, then cases) for the legend.
        var order = measured.Select(x => SeriesName(x.Point, x.Row)).Distinct(StringComparer.Ordinal).ToList();
        series = [.. series.OrderBy(s => order.IndexOf(s.Name))];
        var unit = DisplayUnit.For(metric.Kind, series.SelectMany(s => s.Points.Select(p => p.Y)));
        var title = SweepAxes.Title(axis);
        var xValues = series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().Order().ToList();
        return new LineChart($"{group.Name}: {metric.Title} vs {title}", title, unit.Header(metric.Title), unit, xValues, series)
        {
            XLabels = [.. xValues.Select(x => SweepAxes.Label(axis, x))],
        };
    }
}
