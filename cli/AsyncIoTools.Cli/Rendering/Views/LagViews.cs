using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Fleet;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Cli.Rendering.Views;

/// <summary>
/// <c>aiotools lag</c>: a header for people, one row per interval as it closes (JSON lines under --watch), then the
/// report; over several processes the rows name their process and the report holds one per process.
/// </summary>
internal static class LagViews
{
    private static readonly string[] IntervalColumns =
    [
        "startSeconds", "endSeconds", "items", "p50Micros", "p90Micros", "p99Micros", "maxMicros", "allP99Micros",
        "oldestPendingMicros", "pendingItems", "queueLength", "threadCount", "verdict", "dropped", "lostEvents",
    ];

    public static readonly View<LagReportHeader> Header = new()
    {
        Text = header => LagTextRenderer.Header(header) + "\n",
        Table = header => TableData.Sentences(LagTextRenderer.HeaderSentences(header)),
    };

    public static readonly View<LagInterval> Interval = new()
    {
        Json = View.Json(DiagnosticsJsonContext.Default.LagInterval),
        Text = interval => LagTextRenderer.Row(interval) + "\n",
        Table = interval => TableData.One(IntervalColumns, Cells(interval)),
    };

    public static readonly View<LagReport> Report = new()
    {
        Json = View.Json(DiagnosticsJsonContext.Default.LagReport),
        Text = report => LagTextRenderer.Summary(report) + "\n",
    };

    public static readonly View<LagFleetHeader> FleetHeader = new()
    {
        Text = header => LagTextRenderer.FleetHeader(header) + "\n",
        Table = header => TableData.Sentences(LagTextRenderer.FleetSentence(header)),
    };

    public static readonly View<LagProcessInterval> FleetInterval = new()
    {
        Json = View.Json(DiagnosticsJsonContext.Default.LagProcessInterval),
        Text = row => LagTextRenderer.FleetRow(row.ProcessId, row.Name, row.Interval) + "\n",
        Table = row => TableData.One(["processId", "name", .. IntervalColumns], [Views.Cells.Of(row.ProcessId), row.Name, .. Cells(row.Interval)]),
    };

    public static readonly View<LagFleetDocument> FleetReport = new()
    {
        Json = View.Json(DiagnosticsJsonContext.Default.LagFleetDocument),
        Text = fleet => string.Concat(fleet.Targets.Select(report =>
            $"\nProcess {report.Target.ProcessId} ({report.Target.Name}){(report.End == CaptureEnd.TargetExited ? ", exited during the session" : string.Empty)}:\n"
            + LagTextRenderer.Summary(report).TrimStart('\n') + "\n")),
    };

    private static string[] Cells(LagInterval i) =>
    [
        Views.Cells.Of(i.StartSeconds), Views.Cells.Of(i.EndSeconds), Views.Cells.Of(i.Items), Views.Cells.Of(i.P50Micros), Views.Cells.Of(i.P90Micros),
        Views.Cells.Of(i.P99Micros), Views.Cells.Of(i.MaxMicros), Views.Cells.Of(i.All.P99Micros), Views.Cells.Of(i.OldestPendingMicros),
        Views.Cells.Of(i.PendingItems), Views.Cells.Of(i.QueueLength), Views.Cells.Of(i.ThreadCount), Views.Cells.Camel(i.Verdict),
        Views.Cells.Of(i.Dropped), Views.Cells.Of(i.LostEvents),
    ];
}
