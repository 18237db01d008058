using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// What holding the connections cost, for scenarios with many of them: one row per engine (and case) and point,
/// with the connections opened, the time it took and the memory per connection in the server and in the kernel.
/// These are measured once per run (while opening), not per trial, so they have no interval.
/// </summary>
internal static class HeldConnectionsTable
{
    public static void Write(ScenarioGroup group, IReadOnlyList<Metric> metrics, MarkdownDocument document)
    {
        var rows = group.Points.SelectMany(p => p.Completed.Select(r => (Point: p, Row: r))).Where(x => metrics.Any(m => x.Row.Figure(m) is not null)).ToList();
        if (rows.Count == 0 || metrics.Count == 0)
        {
            return;
        }

        var units = metrics.ToDictionary(m => m.Key, m => DisplayUnit.For(m.Kind, rows.Select(x => x.Row.Figure(m)?.Median ?? 0)), StringComparer.Ordinal);
        var lead = new RowLead(rows.Any(x => x.Row.HasCase));
        var table = lead.Table(metrics.Select(m => units[m.Key].Header(m.Title)).Prepend("Opened").Prepend("Connections"));
        foreach (var (point, row) in rows)
        {
            var cells = lead.Cells(row, string.Empty);
            cells.Add(Numbers.Count(point.Connections));
            cells.Add(row.Run.Ramp is { } ramp ? Numbers.Count(ramp.Connected) : "n/a");
            cells.AddRange(metrics.Select(m => row.Figure(m) is { } figure ? units[m.Key].Format(figure.Median) : "n/a"));
            table.Add(cells);
        }

        document.Heading(3, "Holding the connections");
        document.Table(table);
        var meanings = metrics.Select(m => $"{m.Title}: {Meaning(m)}");
        document.Paragraph($"Measured once per run, while the connections were opened (no trials, no interval). {string.Join("; ", meanings)}.");
    }

    private static string Meaning(Metric metric) =>
        metric == ReportMetrics.KernelPerConnection ? "the kernel's socket memory per connection (TCP buffers, /proc/net/sockstat; socket objects, /proc/slabinfo), both ends of each loopback connection"
        : metric == ReportMetrics.RssPerConnection ? "the server's memory growth per connection over the idle server"
        : metric.Description;
}
