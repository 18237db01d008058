using System.Globalization;
using AsyncIoTools.Measurement;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// Load runs from <c>aiotools load --json</c> files: per target and run, one row per load host (its name and
/// addresses, its file) and the merged row, whose percentiles come from the hosts' histograms added up.
/// </summary>
internal static class LoadRunsSection
{
    public static void Write(ReportModel model, MarkdownDocument document)
    {
        if (model.LoadRuns.Count == 0)
        {
            return;
        }

        document.Heading(2, "Load runs");
        foreach (var run in model.LoadRuns)
        {
            var hosts = run.Hosts.Count;
            document.Heading(3, MarkdownText.Inline($"{run.Target}: {hosts} load host{(hosts == 1 ? string.Empty : "s")}"));
            document.Paragraph(hosts > 1
                ? $"Merged exactly: requests and rates summed, {(run.Corrected ? "corrected " : string.Empty)}latency histograms added bucket by bucket (percentiles are never averaged)."
                : $"{(run.Corrected ? "Corrected latency" : "Latency")} as measured.");
            var table = new MarkdownTable(
                ["Host", "Addresses", "File", "Conn", "Requests", "Req/s", "p50", "p99", "p99.9", "Max", "Errors"],
                [ColumnAlignment.Left, ColumnAlignment.Left, ColumnAlignment.Left, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right, ColumnAlignment.Right]);
            foreach (var host in run.Hosts)
            {
                var m = host.Report.Measurement;
                table.Add([
                    MarkdownText.Inline(host.Report.Host?.Name ?? "?"),
                    MarkdownText.Inline(host.Report.Host is { } h ? string.Join(", ", h.Addresses) : "?"),
                    MarkdownText.Code(host.Origin, inTable: true),
                    Count(m.OpenConnections),
                    Count(m.Requests),
                    m.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                    .. Percentiles(run.HeadlineOf(host.Report)),
                    Count(m.Errors.Total),
                ]);
            }

            if (hosts > 1)
            {
                table.Add([
                    $"**all {hosts} hosts (merged)**",
                    string.Empty,
                    string.Empty,
                    $"**{Count(run.Connections)}**",
                    $"**{Count(run.Requests)}**",
                    $"**{run.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture)}**",
                    .. Percentiles(run.Latency()).Select(p => $"**{p}**"),
                    $"**{Count(run.Errors)}**",
                ]);
            }

            document.Table(table);
        }
    }

    private static string[] Percentiles(LatencyHistogram histogram) =>
        [Micros(histogram.ValueAtPercentile(50)), Micros(histogram.ValueAtPercentile(99)), Micros(histogram.ValueAtPercentile(99.9)), Micros(histogram.TotalCount == 0 ? 0 : histogram.Max)];

    private static string Micros(long nanoseconds) => (nanoseconds / 1000.0).ToString("N1", CultureInfo.InvariantCulture) + " µs";

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
