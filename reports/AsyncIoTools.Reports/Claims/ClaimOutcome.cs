namespace AsyncIoTools.Reports.Claims;

/// <summary>What the results say of one claim: the verdict, the figure behind it, and the sources it came from.</summary>
public sealed record ClaimOutcome(ClaimVerdict Verdict, string Figure, IReadOnlyList<string> Evidence)
{
    public static ClaimOutcome NotMeasured(string why) => new(ClaimVerdict.NotMeasured, why, []);
}
