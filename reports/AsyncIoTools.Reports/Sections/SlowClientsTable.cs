using System.Globalization;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// For scenarios with slow clients (slowloris): each engine's honest clients with and without them side by side —
/// requests per second and p99 — and what the slow clients met: how many connections they opened, how many the
/// server closed, how soon (at once: no room for them; at the head timeout: let in, then cut off).
/// </summary>
internal static class SlowClientsTable
{
    public static void Write(ScenarioGroup group, MarkdownDocument document)
    {
        var rows = group.Points.SelectMany(p => p.Completed).ToList();
        if (!rows.Any(r => r.Run.SlowClients is not null))
        {
            return;
        }

        var throughput = DisplayUnit.For(ReportMetrics.Throughput.Kind, rows.Select(r => r.Figure(ReportMetrics.Throughput)?.Median ?? 0));
        var p99 = DisplayUnit.For(ReportMetrics.P99.Kind, rows.Select(r => r.Figure(ReportMetrics.P99)?.Median ?? 0));
        var lead = new RowLead(WithCase: true);
        var table = lead.Table([throughput.Header("Honest req/s"), p99.Header("Honest p99"), "Slow clients", "Opened", "Closed by server", "At once (< 1 s)", "Median s to close", "p90 s to close", "Open at end"]);
        foreach (var row in rows.OrderBy(r => r.Name, StringComparer.Ordinal).ThenBy(r => r.Run.SlowClients is null ? 0 : 1))
        {
            var cells = lead.Cells(row, string.Empty);
            cells.Add(row.Figure(ReportMetrics.Throughput) is { } rate ? throughput.Format(rate.Median) : "n/a");
            cells.Add(row.Figure(ReportMetrics.P99) is { } latency ? p99.Format(latency.Median) : "n/a");
            if (row.Run.SlowClients is { } slow)
            {
                cells.AddRange(
                [
                    Numbers.Count(slow.Clients), Numbers.Count(slow.Opened), Numbers.Count(slow.ClosedByServer), Numbers.Count(slow.ClosedWithinOneSecond),
                    Seconds(slow.MedianSecondsToClose), Seconds(slow.P90SecondsToClose), Numbers.Count(slow.OpenAtEnd),
                ]);
            }
            else
            {
                cells.AddRange(["0", "–", "–", "–", "–", "–", "–"]);
            }

            table.Add(cells);
        }

        document.Heading(3, "Slow clients");
        document.Table(table);
        document.Paragraph(
            "Honest: the load generator's clients, beside the slow ones or alone. A slow client sends part of a request head, then one byte every " +
            "interval, and opens a new connection at its next turn when the server closes one. Closed at once: the server had no room (select past " +
            "FD_SETSIZE, a connection limit); closed after about the head timeout: let in, then cut off.");
    }

    private static string Seconds(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : "–";
}
