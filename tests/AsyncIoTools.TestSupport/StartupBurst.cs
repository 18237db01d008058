namespace AsyncIoTools.Tests.Support;

/// <summary>
/// The lag target's <c>--startup-burst 400</c> (400 items of 5 ms queued before anything else) as a lag report of 1 s
/// intervals shows it: hundreds of items waiting 100 ms or more. An item counts in the interval it is served in, and a
/// slow runtime start can take most of the first second, so the burst is in the first interval or the second.
/// </summary>
public static class StartupBurst
{
    /// <summary>The index of the burst's interval among the first two, or null when neither shows it.</summary>
    public static int? IndexIn(IReadOnlyList<(long Items, long P99Micros)> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        for (var i = 0; i < Math.Min(2, intervals.Count); i++)
        {
            if (intervals[i].Items >= 100 && intervals[i].P99Micros >= 100_000)
            {
                return i;
            }
        }

        return null;
    }
}
