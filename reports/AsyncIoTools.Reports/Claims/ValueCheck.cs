using System.Globalization;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Claims;

/// <summary>
/// "A's figure stays below (or reaches) a bound" at the largest point of a scenario where A completed; every row
/// the selector names there (each engine) must meet it.
/// </summary>
public sealed class ValueCheck : ClaimCheck
{
    public required string Scenario { get; init; }

    public required RowSelector Rows { get; init; }

    public required Metric Metric { get; init; }

    /// <summary>The figure must stay under this, in the metric's base unit (give this or <see cref="AtLeast"/>).</summary>
    public double? Below { get; init; }

    /// <summary>The figure must reach this, in the metric's base unit.</summary>
    public double? AtLeast { get; init; }

    public override string Condition => $"{Rows}'s {Metric.Description} {BoundText} in {Scenario}";

    private string BoundText
    {
        get
        {
            var bound = Below ?? AtLeast ?? 0;
            return (Below is null ? "≥ " : "< ") + DisplayUnit.For(Metric.Kind, [bound]).FormatWithSymbol(bound);
        }
    }

    public override ClaimOutcome Evaluate(IReadOnlyList<ScenarioGroup> scenarios)
    {
        var groups = Matching(scenarios, Scenario).ToList();
        if (groups.Count == 0)
        {
            return ClaimOutcome.NotMeasured($"no results of scenario {Scenario}");
        }

        var candidate = groups
            .SelectMany(g => g.Points.Select(p => (Group: g, Point: p, Matched: p.Completed.Where(r => Rows.Matches(r) && r.Figure(Metric) is not null).ToList())))
            .Where(c => c.Matched.Count > 0)
            .OrderByDescending(c => c.Point.Connections)
            .ThenByDescending(c => c.Point.Active)
            .FirstOrDefault();
        if (candidate.Point is null)
        {
            return ClaimOutcome.NotMeasured($"no point of {Scenario} where {Rows} completed with {Metric.Description}{WhyMissing(groups, Rows)}");
        }

        var medians = candidate.Matched.Select(r => r.Figure(Metric)!.Median).ToList();
        var unit = DisplayUnit.For(Metric.Kind, medians.Append(Below ?? AtLeast ?? 0));
        var met = medians.All(m => Below is { } below ? m < below : m >= (AtLeast ?? 0));
        var figures = candidate.Matched.Select(r => $"{r.Label} {Metric.Title} {unit.FormatWithSymbol(r.Figure(Metric)!.Median)}{(r.Figure(Metric)!.IsNoisy ? " (noisy)" : string.Empty)}");
        return new ClaimOutcome(
            met ? ClaimVerdict.Confirmed : ClaimVerdict.NotConfirmed,
            string.Create(CultureInfo.InvariantCulture, $"{string.Join("; ", figures)} at {PointText.Of(candidate.Point, candidate.Group)}"),
            candidate.Matched.Select(r => r.Source.Origin).Distinct(StringComparer.Ordinal).ToList());
    }
}
