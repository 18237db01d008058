using System.Globalization;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Claims;

/// <summary>
/// "A's figure is at least N times B's" at one point of a scenario where both completed: the point with
/// <see cref="Connections"/> when given, else the largest such point.
/// </summary>
public sealed class RatioCheck : ClaimCheck
{
    public required string Scenario { get; init; }

    /// <summary>Engine selector (glob on engine or engine:variant) of the figure on top of the ratio.</summary>
    public required string Numerator { get; init; }

    public required string Denominator { get; init; }

    public required Metric Metric { get; init; }

    public required double AtLeast { get; init; }

    public int? Connections { get; init; }

    public override string Condition => string.Create(
        CultureInfo.InvariantCulture,
        $"{Numerator}'s {Metric.Description} ÷ {Denominator}'s ≥ {AtLeast:0.##} in {Scenario}, {(Connections is { } c ? $"at {c:#,0} connections" : "at the largest point both completed")}");

    public override ClaimOutcome Evaluate(IReadOnlyList<ScenarioGroup> scenarios)
    {
        var groups = Matching(scenarios, Scenario).ToList();
        if (groups.Count == 0)
        {
            return ClaimOutcome.NotMeasured($"no results of scenario {Scenario}");
        }

        var candidate = groups
            .SelectMany(g => g.Points)
            .Where(p => Connections is null || p.Connections == Connections)
            .Select(p => (Point: p, Top: Row(p, Numerator), Bottom: Row(p, Denominator)))
            .Where(c => c.Top?.Figure(Metric) is not null && c.Bottom?.Figure(Metric) is not null)
            .OrderByDescending(c => c.Point.Connections)
            .ThenByDescending(c => c.Point.Active)
            .FirstOrDefault();
        if (candidate.Point is null)
        {
            var where = Connections is { } c ? string.Create(CultureInfo.InvariantCulture, $" at {c:#,0} connections") : string.Empty;
            return ClaimOutcome.NotMeasured($"no point of {Scenario}{where} where both {Numerator} and {Denominator} completed with {Metric.Description}{WhyMissing(groups, Numerator)}{WhyMissing(groups, Denominator)}");
        }

        var top = candidate.Top!.Figure(Metric)!;
        var bottom = candidate.Bottom!.Figure(Metric)!;
        if (bottom.Median == 0)
        {
            return ClaimOutcome.NotMeasured($"{candidate.Bottom.Name}'s {Metric.Description} is zero: no ratio");
        }

        var ratio = top.Median / bottom.Median;
        var unit = DisplayUnit.For(Metric.Kind, [top.Median, bottom.Median]);
        var noisy = top.IsNoisy || bottom.IsNoisy ? " (noisy: trials spread over 10%)" : string.Empty;
        var figure = $"{candidate.Top.Name} {unit.FormatWithSymbol(top.Median)} vs {candidate.Bottom.Name} {unit.FormatWithSymbol(bottom.Median)} {Metric.Title} at {PointText.Of(candidate.Point)}: {Numbers.Ratio(ratio)}{noisy}";
        return new ClaimOutcome(
            ratio >= AtLeast ? ClaimVerdict.Confirmed : ClaimVerdict.NotConfirmed,
            figure,
            new[] { candidate.Top.Source.Origin, candidate.Bottom.Source.Origin }.Distinct(StringComparer.Ordinal).ToList());
    }
}
