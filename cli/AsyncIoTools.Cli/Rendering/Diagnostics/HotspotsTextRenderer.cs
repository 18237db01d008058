using System.Globalization;
using AsyncIoTools.Diagnostics.Hotspots;

namespace AsyncIoTools.Cli.Rendering.Diagnostics;

/// <summary><c>aiotools hotspots</c> for people: pending async calls per method, with states and awaited work.</summary>
public static class HotspotsTextRenderer
{
    public static string Render(HotspotsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Pending async calls in process {report.Target.ProcessId} ({report.Target.Name}), .NET {report.Target.Runtime.RuntimeVersionText}: {report.PendingTotal} in all"),
            string.Create(CultureInfo.InvariantCulture, $"(heap snapshot: {report.HeapObjectsScanned} objects walked, target paused {report.PauseMilliseconds:0} ms)"),
        };
        if (report.Methods.Count == 0)
        {
            lines.Add("No async call is pending.");
            return string.Join('\n', lines);
        }

        var table = new TextTable("pending", "method", "states", "awaiting", "declaring type");
        foreach (var m in report.Methods)
        {
            table.Add(m.Pending.ToString(CultureInfo.InvariantCulture), m.Method, Counts(m.States), Counts(m.Awaiting), m.DeclaringType);
        }

        lines.Add(table.ToString().TrimEnd('\n'));
        return string.Join('\n', lines);
    }

    /// <summary>"awaiting #0 ×120, running ×3": most frequent first.</summary>
    public static string Counts(IReadOnlyDictionary<string, long> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.Count == 0
            ? "-"
            : string.Join(", ", counts.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} ×{p.Value}")));
    }
}
