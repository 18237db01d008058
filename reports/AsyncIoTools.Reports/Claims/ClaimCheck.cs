using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Claims;

/// <summary>A condition on measured results that decides a claim; it says in words what it checks.</summary>
public abstract class ClaimCheck
{
    /// <summary>The condition in words, as the report prints it ("poll's p50 ÷ epoll's ≥ 24 …").</summary>
    public abstract string Condition { get; }

    public abstract ClaimOutcome Evaluate(IReadOnlyList<ScenarioGroup> scenarios);

    /// <summary>The groups whose name matches <paramref name="pattern"/> (a glob: * and ?).</summary>
    protected static IEnumerable<ScenarioGroup> Matching(IReadOnlyList<ScenarioGroup> scenarios, string pattern)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        return scenarios.Where(s => Glob.IsMatch(pattern, s.Name));
    }

    /// <summary>Why a selector has no completed row anywhere in the matching scenarios, from the runs that did not complete.</summary>
    protected static string WhyMissing(IEnumerable<ScenarioGroup> groups, RowSelector selector)
    {
        ArgumentNullException.ThrowIfNull(selector);
        var failed = groups.SelectMany(g => g.Points).SelectMany(p => p.Rows)
            .Where(r => !r.Completed && selector.Matches(r))
            .Select(r => $"{r.Label}: {r.Run.Status.ToString().ToLowerInvariant()} ({r.Run.Reason ?? "no reason given"})")
            .FirstOrDefault();
        return failed is null ? string.Empty : "; " + failed;
    }
}
