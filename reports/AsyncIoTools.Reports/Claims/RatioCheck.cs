using System.Globalization;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Claims;

/// <summary>
/// "A's figure is at least (or at most) N times B's" at one point of a scenario where both completed: the point
/// with <see cref="Connections"/> when given, else the largest such point. With <see cref="SameEngine"/> the rows are
/// paired engine by engine (two cases of one engine), and every engine measured in both must meet the bound.
/// </summary>
public sealed class RatioCheck : ClaimCheck
{
    public required string Scenario { get; init; }

    /// <summary>The rows whose figure is on top of the ratio.</summary>
    public required RowSelector Numerator { get; init; }

    public required RowSelector Denominator { get; init; }

    public required Metric Metric { get; init; }

    /// <summary>The ratio must reach this (give this or <see cref="AtMost"/>).</summary>
    public double? AtLeast { get; init; }

    /// <summary>The ratio must not exceed this.</summary>
    public double? AtMost { get; init; }

    public int? Connections { get; init; }

    /// <summary>Compare the numerator's and denominator's rows of the same engine and variant only (cases of one engine).</summary>
    public bool SameEngine { get; init; }

    public override string Condition => string.Create(
        CultureInfo.InvariantCulture,
        $"{Numerator}'s {Metric.Description} ÷ {Denominator}'s {Bound} in {Scenario}, {(Connections is { } c ? $"at {c:#,0} connections" : "at the largest point both completed")}{(SameEngine ? ", engine by engine" : string.Empty)}");

    private string Bound => AtMost is { } most
        ? string.Create(CultureInfo.InvariantCulture, $"≤ {most:0.##}")
        : string.Create(CultureInfo.InvariantCulture, $"≥ {AtLeast ?? 1:0.##}");

    public override ClaimOutcome Evaluate(IReadOnlyList<ScenarioGroup> scenarios)
    {
        var groups = Matching(scenarios, Scenario).ToList();
        if (groups.Count == 0)
        {
            return ClaimOutcome.NotMeasured($"no results of scenario {Scenario}");
        }

        var candidate = groups
            .SelectMany(g => g.Points.Select(p => (Group: g, Point: p)))
            .Where(x => Connections is null || x.Point.Connections == Connections)
            .Select(x => (x.Group, x.Point, Pairs: Pairs(x.Point)))
            .Where(c => c.Pairs.Count > 0)
            .OrderByDescending(c => c.Point.Connections)
            .ThenByDescending(c => c.Point.Active)
            .FirstOrDefault();
        if (candidate.Point is null)
        {
            var where = Connections is { } c ? string.Create(CultureInfo.InvariantCulture, $" at {c:#,0} connections") : string.Empty;
            return ClaimOutcome.NotMeasured($"no point of {Scenario}{where} where both {Numerator} and {Denominator} completed with {Metric.Description}{WhyMissing(groups, Numerator)}{WhyMissing(groups, Denominator)}");
        }

        var figures = new List<string>();
        var met = true;
        foreach (var (top, bottom) in candidate.Pairs)
        {
            var a = top.Figure(Metric)!;
            var b = bottom.Figure(Metric)!;
            if (top.RatioTo(bottom, Metric) is not { } ratio)
            {
                return ClaimOutcome.NotMeasured($"{bottom.Label}'s {Metric.Description} is zero: no ratio");
            }

            met &= AtMost is { } most ? ratio.Value <= most : ratio.Value >= (AtLeast ?? 1);
            var unit = DisplayUnit.For(Metric.Kind, [a.Median, b.Median]);
            var noisy = a.IsNoisy || b.IsNoisy ? " (noisy: trials spread over 10%)" : string.Empty;
            var medians = $"{top.Label} {unit.FormatWithSymbol(a.Median)} vs {bottom.Label} {unit.FormatWithSymbol(b.Median)} {Metric.Title}";
            figures.Add(ratio.IsPaired
                ? $"{medians} (medians); trial by trial {Numbers.Ratio(ratio.Value)} ({Numbers.Ratio(ratio.Low)}–{Numbers.Ratio(ratio.High)} over {ratio.PairedTrials} interleaved trials){noisy}"
                : $"{medians}: {Numbers.Ratio(ratio.Value)}{noisy}");
        }

        return new ClaimOutcome(
            met ? ClaimVerdict.Confirmed : ClaimVerdict.NotConfirmed,
            $"{string.Join("; ", figures)} at {PointText.Of(candidate.Point, candidate.Group)}",
            candidate.Pairs.SelectMany(p => new[] { p.Top.Source.Origin, p.Bottom.Source.Origin }).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The rows to divide at a point: the first of each selector's, or with <see cref="SameEngine"/> every pair of one engine.</summary>
    private List<(EngineRow Top, EngineRow Bottom)> Pairs(ScenarioPoint point)
    {
        var tops = point.Completed.Where(r => Numerator.Matches(r) && r.Figure(Metric) is not null).ToList();
        var bottoms = point.Completed.Where(r => Denominator.Matches(r) && r.Figure(Metric) is not null).ToList();
        if (!SameEngine)
        {
            return tops.Count > 0 && bottoms.Count > 0 ? [(tops[0], bottoms[0])] : [];
        }

        return tops
            .Select(t => (Top: t, Bottom: bottoms.FirstOrDefault(b => b.Name == t.Name && !ReferenceEquals(b, t))))
            .Where(p => p.Bottom is not null)
            .Select(p => (p.Top, p.Bottom!))
            .ToList();
    }
}
