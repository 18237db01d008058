using System.Globalization;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Claims;

/// <summary>
/// How one engine's figure moves along a sweep: flat (its trend changes it by at most the factor, either way) or
/// growing (its trend raises it by at least the factor). The trend is the least-squares line through the logarithms
/// of the points' medians against those of the axis (see <see cref="SweepTrend"/>), read at the sweep's two ends:
/// one noisy point among five sways it far less than it sways a max ÷ min, and a steady rise still shows in full. A sweep must span
/// at least <see cref="MinimumSpan"/>× on its axis, or the claim is not measured.
/// </summary>
public sealed class SweepCheck : ClaimCheck
{
    public required string Scenario { get; init; }

    public required RowSelector Engine { get; init; }

    public required Metric Metric { get; init; }

    public required SweepShape Shape { get; init; }

    public required double Factor { get; init; }

    public double MinimumSpan { get; init; } = 10;

    /// <summary>The parameter the sweep must vary.</summary>
    public SweepAxis Axis { get; init; } = SweepAxis.Connections;

    public override string Condition => Shape == SweepShape.Flat
        ? string.Create(CultureInfo.InvariantCulture, $"{Engine}'s {Metric.Description}, by its trend (least squares, log–log), changes by at most {Factor:0.##}× either way along a {Scenario} sweep spanning ≥ {MinimumSpan:0}× {SweepAxes.Title(Axis)}")
        : string.Create(CultureInfo.InvariantCulture, $"{Engine}'s {Metric.Description}, by its trend (least squares, log–log), rises ≥ {Factor:0.##}× along a {Scenario} sweep spanning ≥ {MinimumSpan:0}× {SweepAxes.Title(Axis)}");

    public override ClaimOutcome Evaluate(IReadOnlyList<ScenarioGroup> scenarios)
    {
        var groups = Matching(scenarios, Scenario).ToList();
        var sweeps = groups
            .Where(g => g.Axis == Axis)
            .Select(g => (Group: g, Points: g.Points
                .Where(p => g.AxisValue(p) is not null)
                .Select(p => (X: g.AxisValue(p)!.Value, Row: p.Completed.FirstOrDefault(r => Engine.Matches(r) && r.Figure(Metric) is not null)))
                .Where(p => p.Row is not null)
                .OrderBy(p => p.X)
                .ToList()))
            .Where(s => s.Points.Count >= 2)
            .OrderByDescending(s => (double)s.Points[^1].X / Math.Max(1, s.Points[0].X))
            .ToList();
        if (sweeps.Count == 0)
        {
            return ClaimOutcome.NotMeasured(groups.Count == 0
                ? $"no results of scenario {Scenario}"
                : $"no {Scenario} sweep of {SweepAxes.Title(Axis)} with two or more points where {Engine} completed with {Metric.Description}{WhyMissing(groups, Engine)}");
        }

        var (group, points) = sweeps[0];
        var span = (double)points[^1].X / Math.Max(1, points[0].X);
        if (span < MinimumSpan)
        {
            return ClaimOutcome.NotMeasured(string.Create(CultureInfo.InvariantCulture, $"the {group.Name} sweep of {Engine} spans {SweepAxes.Text(Axis, points[0].X)}–{SweepAxes.Text(Axis, points[^1].X)} ({span:0.#}×); the check needs ≥ {MinimumSpan:0}×"));
        }

        var values = points.Select(p => p.Row!.Figure(Metric)!).ToList();
        var medians = values.Select(v => v.Median).ToList();
        var unit = DisplayUnit.For(Metric.Kind, medians);
        var range = $"from {SweepAxes.Text(Axis, points[0].X)} to {SweepAxes.Text(Axis, points[^1].X)} {SweepAxes.Title(Axis)}";
        var series = string.Join(" → ", medians.Select(unit.FormatWithSymbol));
        var noisy = values.Any(v => v.IsNoisy) ? " (noisy: trials spread over 10%)" : string.Empty;
        var evidence = points.Select(p => p.Row!.Source.Origin).Distinct(StringComparer.Ordinal).ToList();
        var name = points[0].Row!.Label;
        if (SweepTrend.Growth(points.Select(p => (double)p.X).ToList(), medians) is not { } growth)
        {
            return ClaimOutcome.NotMeasured($"{name}'s {Metric.Description} is zero at a point of the sweep ({series}): no trend");
        }

        var holds = Shape == SweepShape.Flat ? growth <= Factor && growth >= 1 / Factor : growth >= Factor;
        return new ClaimOutcome(
            holds ? ClaimVerdict.Confirmed : ClaimVerdict.NotConfirmed,
            $"{name} {Metric.Title} {series} {range}: trend {Numbers.Ratio(growth)}{noisy}",
            evidence);
    }
}
