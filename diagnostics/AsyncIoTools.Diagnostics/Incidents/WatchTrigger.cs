using System.Globalization;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>Whether the latest intervals of one process fire a rule, and which, said as the incident will say it.</summary>
public static class WatchTrigger
{
    /// <summary>How many intervals <see cref="WatchRules.For"/> spans (at least one).</summary>
    public static int Window(WatchRules rules, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return Math.Max(1, (int)Math.Ceiling(rules.For / interval - 1e-9));
    }

    /// <param name="recent">The process's intervals so far, oldest first (only the last window's are read).</param>
    /// <returns>The rule that fired, e.g. "p99 over 50 ms for 3 s (245 ms, 1.13 s, 1.16 s)", or null.</returns>
    public static string? Check(WatchRules rules, TimeSpan interval, IReadOnlyList<LagInterval> recent)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(recent);
        if (recent.Count == 0)
        {
            return null;
        }

        var last = recent[^1];
        var waiting = Math.Max(last.OldestPendingMicros, last.NothingServedMicros);
        if (rules.OldestOver > TimeSpan.Zero && waiting > rules.OldestOver.TotalMicroseconds)
        {
            return $"oldest waiting item over {Micros(rules.OldestOver)}: {LagVerdictRule.Duration(waiting)}";
        }

        var window = Window(rules, interval);
        if (recent.Count < window)
        {
            return null;
        }

        var span = recent.Skip(recent.Count - window).ToList();
        if (rules.P99Over > TimeSpan.Zero && span.All(i => i.Items > 0 && i.P99Micros > rules.P99Over.TotalMicroseconds))
        {
            return $"p99 over {Micros(rules.P99Over)} for {Micros(rules.For)} ({string.Join(", ", span.Select(i => LagVerdictRule.Duration(i.P99Micros)))})";
        }

        if (rules.ThreadsClimb > 0 && span.Select(i => i.ThreadCount).Where(t => t is not null).Select(t => t!.Value).ToList() is { Count: >= 2 } threads
            && threads[^1] - threads.Min() >= rules.ThreadsClimb)
        {
            return string.Create(CultureInfo.InvariantCulture, $"pool threads climbing by {rules.ThreadsClimb} or more in {Micros(rules.For)} ({threads.Min():0} to {threads[^1]:0})");
        }

        return null;
    }

    private static string Micros(TimeSpan span) => LagVerdictRule.Duration((long)span.TotalMicroseconds);
}
