using System.Globalization;
using AsyncIoTools.Diagnostics.Blocking;

namespace AsyncIoTools.Cli.Rendering.Diagnostics;

/// <summary><c>aiotools blocking</c> for people: one row per blocking site, most blocked time first.</summary>
public static class BlockingTextRenderer
{
    public static string Render(BlockingReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Blocking on pool threads of process {report.Target.ProcessId} ({report.Target.Name}), .NET {report.Target.Runtime.RuntimeVersionText}, over {report.Seconds:0.0} s"),
            string.Create(CultureInfo.InvariantCulture, $"({report.WaitEvents} wait/contention events, {report.ProfilerSamples} profiler samples, {report.PoolThreads} pool threads seen; sleeps are counted in 1 ms samples)"),
        };
        if (report.Sites.Count == 0)
        {
            lines.Add("No application method blocked a pool thread.");
        }
        else
        {
            var table = new TextTable("kind", "method", "via", "count", "blocked");
            foreach (var site in report.Sites)
            {
                table.Add(
                    Kind(site.Kind),
                    site.Method,
                    site.Via,
                    site.Count.ToString(CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{site.BlockedMilliseconds:0.0} ms"));
            }

            lines.Add(table.ToString().TrimEnd('\n'));
        }

        if (report.TraceFile is not null)
        {
            lines.Add($"Trace kept in {report.TraceFile}");
        }

        return string.Join('\n', lines);
    }

    private static string Kind(BlockingKind kind) => kind switch
    {
        BlockingKind.SyncOverAsync => "sync-over-async",
        BlockingKind.Wait => "wait",
        BlockingKind.Lock => "lock",
        BlockingKind.Sleep => "sleep",
        _ => kind.ToString(),
    };
}
