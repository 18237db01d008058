namespace AsyncIoTools.Reports.Claims;

/// <summary>
/// A claim of the seeds' chapters, with the check that confirms or refutes it on our results and the command
/// that produces those results.
/// </summary>
/// <param name="Id">A stable short name ("epoll-flat").</param>
/// <param name="Statement">The claim as the seed makes it, in English, with the seed's own figures.</param>
/// <param name="Source">The chapter file and section it comes from.</param>
/// <param name="Check">The condition, evaluated on the report's scenarios.</param>
/// <param name="Reproduce">The aiotools command that measures what the check needs.</param>
public sealed record Claim(string Id, string Statement, string Source, ClaimCheck Check, string Reproduce);
