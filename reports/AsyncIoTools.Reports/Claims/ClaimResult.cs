namespace AsyncIoTools.Reports.Claims;

public sealed record ClaimResult(Claim Claim, ClaimOutcome Outcome);
