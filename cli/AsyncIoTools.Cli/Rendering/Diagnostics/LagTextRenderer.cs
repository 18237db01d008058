using System.Globalization;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Cli.Rendering.Diagnostics;

/// <summary>Lag for people: a header, one row per interval as it closes, then the whole-session summary.</summary>
public static class LagTextRenderer
{
    private static readonly string[] Headers = ["interval", "items", "p50", "p90", "p99", "max", "all p99", "waiting", "pending", "queue", "threads", "verdict"];
    private static readonly int[] Widths = [11, 7, 9, 9, 9, 9, 9, 9, 7, 6, 7, 8];

    public static string Header(LagReportHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        return string.Join('\n', HeaderSentences(header)) + "\n" + TextTable.Line(Headers, Widths);
    }

    /// <summary>The header's sentences, without the column line.</summary>
    public static IReadOnlyList<string> HeaderSentences(LagReportHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var from = header.DiagnosticPort is null ? string.Empty : $" from its start (diagnostic port {header.DiagnosticPort})";
        return
        [
            $"Attached{from} to process {header.ProcessId} ({header.Name}), .NET {header.RuntimeVersion}; intervals of {LagVerdictRule.Duration((long)header.Interval.TotalMicroseconds)}{(header.Watch ? "; Ctrl+C stops" : string.Empty)}",
            "Delay from enqueue to dequeue of work queued from outside the pool (sockets, other threads; timers apart); 'all' adds timers and pool continuations.",
        ];
    }

    /// <summary>The header of a session over several processes: who is watched, then the columns with the process first.</summary>
    public static string FleetHeader(LagFleetHeader header) =>
        FleetSentence(header) + "\n" + TextTable.Line(["pid", "name", .. Headers], [8, 16, .. Widths]);

    public static string FleetSentence(LagFleetHeader header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var who = string.Join(", ", header.Targets.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.ProcessId} ({t.Name})")));
        return $"Watching {header.Targets.Count} process(es){(header.Discovering ? " and any that start later" : string.Empty)}: {who}; intervals of {LagVerdictRule.Duration((long)header.Interval.TotalMicroseconds)}; Ctrl+C stops";
    }

    public static string FleetRow(int processId, string name, LagInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return TextTable.Line([processId.ToString(CultureInfo.InvariantCulture), name.Length > 16 ? name[..16] : name, Row(interval)], [8, 16, 0]);
    }

    public static string Row(LagInterval interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        var span = string.Create(CultureInfo.InvariantCulture, $"{interval.StartSeconds:0.#}-{interval.EndSeconds:0.#}s");
        string[] cells =
        [
            span,
            Count(interval.Items),
            Micros(interval.P50Micros),
            Micros(interval.P90Micros),
            Micros(interval.P99Micros),
            Micros(interval.MaxMicros),
            Micros(interval.All.P99Micros),
            Micros(interval.OldestPendingMicros),
            Count(interval.PendingItems),
            Counter(interval.QueueLength),
            Counter(interval.ThreadCount),
            interval.Dropped ? $"dropped ({interval.LostEvents} events lost)" : interval.Verdict.ToString().ToLowerInvariant(),
        ];
        return TextTable.Line(cells, Widths);
    }

    public static string Summary(LagReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var s = report.Summary;
        var e = report.Events;
        var lines = new List<string>
        {
            string.Empty,
            string.Create(CultureInfo.InvariantCulture, $"Summary over {s.Seconds:0.0} s ({s.Intervals} intervals kept, {s.DroppedIntervals} dropped for lost events):"),
            $"  queued from outside the pool  {Count(s.Items)} items   p50 {Micros(s.P50Micros)}   p90 {Micros(s.P90Micros)}   p99 {Micros(s.P99Micros)}   max {Micros(s.MaxMicros)}",
            $"  timer callbacks               {Count(s.Timers.Items)} items   p50 {Micros(s.Timers.P50Micros)}   p90 {Micros(s.Timers.P90Micros)}   p99 {Micros(s.Timers.P99Micros)}   max {Micros(s.Timers.MaxMicros)}",
            $"  all work items                {Count(s.All.Items)} items   p50 {Micros(s.All.P50Micros)}   p90 {Micros(s.All.P90Micros)}   p99 {Micros(s.All.P99Micros)}   max {Micros(s.All.MaxMicros)}",
            $"  longest wait still unserved at an interval's end: {Micros(s.OldestPendingMicros)}; pending at the end: {Count(s.PendingItems)}",
            string.Create(CultureInfo.InvariantCulture, $"  events: {e.Enqueues} enqueued, {e.Dequeues} dequeued, {e.Matched} matched, {e.LostEvents} lost ({e.EventsPerSecond:0} events/s)"),
        };
        if (LagSamplingNote.Of(s) is { } sampled)
        {
            lines.Add("  " + sampled);
        }

        if (report.TraceFile is not null)
        {
            lines.Add($"  trace kept in {report.TraceFile}");
        }

        lines.Add($"Verdict: {s.VerdictText}");
        if (report.Threshold is { } threshold)
        {
            lines.Add($"Threshold {LagVerdictRule.Duration((long)threshold.TotalMicroseconds)}: {(report.ThresholdExceeded ? "EXCEEDED" : "not exceeded")}");
        }

        return string.Join('\n', lines);
    }

    private static string Micros(long micros) => LagVerdictRule.Duration(micros);

    private static string Count(long count) => count.ToString(CultureInfo.InvariantCulture);

    private static string Counter(double? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : "-";
}
