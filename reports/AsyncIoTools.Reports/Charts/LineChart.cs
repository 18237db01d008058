using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Charts;

/// <summary>
/// A sweep drawn as lines: one series per engine, the sweep's axis across, one metric up. Values stay in base
/// units; <see cref="YUnit"/> is chosen from all of them. The x axis is logarithmic when it spans 10× or more.
/// </summary>
public sealed record LineChart(string Title, string XTitle, string YTitle, DisplayUnit YUnit, IReadOnlyList<double> XValues, IReadOnlyList<ChartSeries> Series)
{
    public bool LogarithmicX => XValues.Count > 1 && XValues[0] > 0 && XValues[^1] / XValues[0] >= 10;

    /// <summary>The chart of <paramref name="metric"/> along <paramref name="group"/>'s sweep, or null when no engine has two points of it.</summary>
    public static LineChart? Of(ScenarioGroup group, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(metric);
        var series = group.Points
            .SelectMany(p => p.Completed.Select(r => (X: (double)group.AxisValue(p), Row: r)))
            .Where(x => x.Row.Figure(metric) is not null)
            .GroupBy(x => x.Row.Name, StringComparer.Ordinal)
            .Select(g => new ChartSeries(g.Key, g.Select(x => (x.X, x.Row.Figure(metric)!.Median)).OrderBy(p => p.X).ToList()))
            .Where(s => s.Points.Count >= 2)
            .ToList();
        if (series.Count == 0)
        {
            return null;
        }

        // Keep the table's row order (road order) for the legend.
        var order = group.Points.SelectMany(p => p.Rows).Select(r => r.Name).Distinct(StringComparer.Ordinal).ToList();
        series = [.. series.OrderBy(s => order.IndexOf(s.Name))];
        var unit = DisplayUnit.For(metric.Kind, series.SelectMany(s => s.Points.Select(p => p.Y)));
        var axis = group.Axis == SweepAxis.Active ? "active connections" : "connections";
        var xValues = series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().Order().ToList();
        return new LineChart($"{group.Name}: {metric.Title} vs {axis}", axis, unit.Header(metric.Title), unit, xValues, series);
    }
}
