using System.Globalization;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Hotspots;

namespace AsyncIoTools.Cli.Rendering.Diagnostics;

/// <summary><c>aiotools hotspots --trace</c> for people: timed async calls, and what the tracing cost.</summary>
public static class AsyncCallTraceTextRenderer
{
    public static string Render(AsyncCallTraceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"Async calls traced in process {report.Target.ProcessId} ({report.Target.Name}) over {report.Seconds:0.0} s ({report.Events} TPL events)"),
            string.Create(CultureInfo.InvariantCulture, $"Cost: the target used {report.TargetCpuPercentBefore:0.0}% CPU before tracing and {report.TargetCpuPercentDuring:0.0}% while traced."),
        };
        if (SessionSampling.WasSampled(report.FollowedFraction))
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"Traced {report.FollowedFraction:0%} of the time, in one window a second: the target emits more events than tracing all would be worth (about 1 µs of its CPU each); calls still running when a window closed count as open."));
        }

        var table = new TextTable("method", "started", "completed", "failed", "open", "mean", "p99", "max");
        foreach (var m in report.Methods)
        {
            table.Add(
                m.Method,
                Number(m.Started),
                Number(m.Completed),
                Number(m.Failed),
                Number(m.OpenAtEnd),
                Millis(m.MeanMilliseconds),
                Millis(m.P99Milliseconds),
                Millis(m.MaxMilliseconds));
        }

        lines.Add(report.Methods.Count == 0 ? "No async call started or ended." : table.ToString().TrimEnd('\n'));
        return string.Join('\n', lines);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Millis(double value) => string.Create(CultureInfo.InvariantCulture, $"{value:0.###} ms");
}
