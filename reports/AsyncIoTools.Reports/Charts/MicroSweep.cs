using AsyncIoTools.Reports.DotNetBenchmarks;
using AsyncIoTools.Reports.Formatting;

namespace AsyncIoTools.Reports.Charts;

/// <summary>
/// A benchmark class whose cases vary one numeric parameter (descriptors registered, message size) drawn as a sweep:
/// mean time per operation against that parameter, one line per method (and per value of the other parameters).
/// This is how "select's and poll's cost per call grows with descriptors, epoll's stays flat" shows at a glance.
/// </summary>
public static class MicroSweep
{
    private const double NanosPerMicro = 1000;

    public static LineChart? Of(string title, IReadOnlyList<BdnBenchmark> cases)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var measured = cases.Where(c => c.Statistics is not null).Select(c => (Case: c, Parameters: BdnParameters.Parse(c.Parameters))).ToList();
        var names = measured.SelectMany(m => m.Parameters.Select(p => p.Name)).Distinct(StringComparer.Ordinal).ToList();
        var axis = names
            .Where(n => measured.All(m => m.Parameters.Any(p => p.Name == n && BdnParameters.TryNumber(p.Value, out _))))
            .Where(n => measured.Select(m => m.Parameters.First(p => p.Name == n).Value).Distinct(StringComparer.Ordinal).Count() > 1)
            .ToList();
        if (axis.Count != 1)
        {
            return null;
        }

        var x = axis[0];
        var series = measured
            .GroupBy(m => SeriesName(m.Case, m.Parameters, x), StringComparer.Ordinal)
            .Select(g => new ChartSeries(g.Key, g
                .Select(m => (X: Value(m.Parameters, x), Y: m.Case.Statistics!.Mean / NanosPerMicro))
                .OrderBy(p => p.X)
                .ToList()))
            .Where(s => s.Points.Count >= 2)
            .ToList();
        if (series.Count == 0)
        {
            return null;
        }

        var unit = DisplayUnit.For(QuantityKind.Time, series.SelectMany(s => s.Points.Select(p => p.Y)));
        var xValues = series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().Order().ToList();
        return new LineChart($"{title}: mean time per operation vs {x}", x, unit.Header("Mean"), unit, xValues, series);
    }

    private static string SeriesName(BdnBenchmark benchmark, IReadOnlyList<(string Name, string Value)> parameters, string axis)
    {
        var others = parameters.Where(p => p.Name != axis).Select(p => $"{p.Name}={p.Value}").ToList();
        var method = benchmark.MethodTitle ?? benchmark.Method ?? "?";
        return others.Count == 0 ? method : $"{method} ({string.Join(", ", others)})";
    }

    private static double Value(IReadOnlyList<(string Name, string Value)> parameters, string name)
    {
        BdnParameters.TryNumber(parameters.First(p => p.Name == name).Value, out var value);
        return value;
    }
}
