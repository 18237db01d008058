using System.Globalization;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Claims;

/// <summary>
/// "Engine E cannot serve more than N descriptors": confirmed by a run past N connections that E refused with a
/// reason naming the limit, or that completed while refusing connections (or holding no more than N);
/// refuted by a run past N where every connection opened and none was refused. Only what a result file holds can
/// decide it: a refusal must be recorded as a run (unavailable or failed, with its reason), not only printed by a
/// command that then writes no result.
/// </summary>
public sealed class DescriptorLimitCheck : ClaimCheck
{
    public required string Engine { get; init; }

    public required int Limit { get; init; }

    /// <summary>Words a refusal's reason contains when it is this limit (FD_SETSIZE, 1024).</summary>
    public required IReadOnlyList<string> LimitNames { get; init; }

    public override string Condition => string.Create(
        CultureInfo.InvariantCulture,
        $"a {Engine} run past {Limit:#,0} connections, recorded in a result, is refused naming {string.Join(" or ", LimitNames)}, or refuses connections; refuted if it holds them all");

    public override ClaimOutcome Evaluate(IReadOnlyList<ScenarioGroup> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var past = scenarios
            .SelectMany(g => g.Points.Where(p => p.Connections > Limit).SelectMany(p => p.Rows.Select(r => (Point: p, Row: r))))
            .Where(x => Glob.IsMatch(Engine, x.Row.Engine) || Glob.IsMatch(Engine, x.Row.Name))
            .OrderBy(x => x.Point.Connections)
            .ToList();
        if (past.Count == 0)
        {
            return ClaimOutcome.NotMeasured(string.Create(CultureInfo.InvariantCulture, $"no {Engine} run past {Limit:#,0} connections"));
        }

        var otherReason = string.Empty;
        foreach (var (point, row) in past)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"{row.Label} at {point.Connections:#,0} connections");
            var run = row.Run;
            if (!row.Completed)
            {
                var reason = run.Reason ?? string.Empty;
                if (LimitNames.Any(n => reason.Contains(n, StringComparison.OrdinalIgnoreCase)))
                {
                    return Outcome(ClaimVerdict.Confirmed, $"{where}: {run.Status.ToString().ToLowerInvariant()}: {reason}", row);
                }

                otherReason = $"{where} {run.Status.ToString().ToLowerInvariant()} for another reason: {reason}";
                continue;
            }

            var refused = run.Trials.Select(t => t.Counters.ConnectionsRefused).DefaultIfEmpty(0).Max();
            var opened = run.Ramp?.Connected ?? point.Connections;
            if (refused > 0 || opened <= Limit)
            {
                return Outcome(ClaimVerdict.Confirmed, string.Create(CultureInfo.InvariantCulture, $"{where}: {opened:#,0} connections opened, {refused:#,0} refused by the server"), row);
            }

            return Outcome(ClaimVerdict.NotConfirmed, string.Create(CultureInfo.InvariantCulture, $"{where}: all {opened:#,0} connections opened and served, none refused"), row);
        }

        return ClaimOutcome.NotMeasured(otherReason);
    }

    private static ClaimOutcome Outcome(ClaimVerdict verdict, string figure, EngineRow row) => new(verdict, figure, [row.Source.Origin]);
}
