using System.Globalization;
using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Cli.Rendering.Diagnostics;

/// <summary><c>aiotools watch</c> for people: what is watched and by which rules, then one line per incident.</summary>
public static class IncidentTextRenderer
{
    public static string Header(WatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rules = new List<string>();
        if (options.Rules.P99Over > TimeSpan.Zero)
        {
            rules.Add($"p99 over {Duration(options.Rules.P99Over)} for {Duration(options.Rules.For)}");
        }

        if (options.Rules.OldestOver > TimeSpan.Zero)
        {
            rules.Add($"an item waiting over {Duration(options.Rules.OldestOver)}");
        }

        if (options.Rules.ThreadsClimb > 0)
        {
            rules.Add(string.Create(CultureInfo.InvariantCulture, $"threads climbing by {options.Rules.ThreadsClimb} within {Duration(options.Rules.For)}"));
        }

        return $"aiotools: watching; an incident opens on {string.Join(" or ", rules)}; incidents go to {Path.GetFullPath(options.OutputDirectory)}";
    }

    /// <summary>"HH:mm:ss pid N: HEADLINE → FOLDER".</summary>
    public static string Line(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return string.Create(CultureInfo.InvariantCulture, $"{incident.TriggeredAt.ToLocalTime():HH:mm:ss} process {incident.Target.ProcessId} ({incident.Target.Name}): {incident.Headline.Replace("`", string.Empty, StringComparison.Ordinal)} [rule: {incident.Rule}] -> {incident.Folder}");
    }

    private static string Duration(TimeSpan span) => LagVerdictRule.Duration((long)span.TotalMicroseconds);
}
