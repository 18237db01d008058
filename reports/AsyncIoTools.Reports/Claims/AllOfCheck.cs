using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Claims;

/// <summary>
/// A claim made of several conditions ("sendfile and splice beat read/write"; "the stall is there with Nagle and
/// gone without"): refuted when any part is, confirmed when every part is, otherwise not measured — a part without
/// results is never taken as met.
/// </summary>
public sealed class AllOfCheck : ClaimCheck
{
    public required IReadOnlyList<ClaimCheck> Parts { get; init; }

    public override string Condition => string.Join("; and ", Parts.Select(p => p.Condition));

    public override ClaimOutcome Evaluate(IReadOnlyList<ScenarioGroup> scenarios)
    {
        var outcomes = Parts.Select(p => p.Evaluate(scenarios)).ToList();
        var verdict = outcomes.Any(o => o.Verdict == ClaimVerdict.NotConfirmed) ? ClaimVerdict.NotConfirmed
            : outcomes.Any(o => o.Verdict == ClaimVerdict.NotMeasured) ? ClaimVerdict.NotMeasured
            : ClaimVerdict.Confirmed;
        return new ClaimOutcome(
            verdict,
            string.Join("; ", outcomes.Select(o => o.Figure).Distinct(StringComparer.Ordinal)),
            outcomes.SelectMany(o => o.Evidence).Distinct(StringComparer.Ordinal).ToList());
    }
}
