using AsyncIoTools.Reports.Charts;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// A sweep's charts: for each charted metric an SVG written beside the report and linked from it (renders
/// anywhere, offline too) and, where the dialect allows, the same data as a mermaid block GitHub draws inline.
/// </summary>
internal static class SweepCharts
{
    public static void Write(ScenarioGroup group, IReadOnlyList<Metric> shown, MarkdownDocument document)
    {
        var charts = ReportMetrics.Charted.Where(shown.Contains).Select(m => (Metric: m, Chart: LineChart.Of(group, m))).Where(c => c.Chart is not null).ToList();
        if (charts.Count == 0)
        {
            return;
        }

        document.Heading(3, "Sweep of " + MarkdownText.Code(group.Name));
        foreach (var (metric, chart) in charts)
        {
            Write(chart!, $"{group.Slug}-{Slugs.Of(metric.Key)}", document);
        }
    }

    /// <summary>One chart under its own heading: the SVG beside the report, linked, and the mermaid block where allowed.</summary>
    public static void Write(LineChart chart, string slug, MarkdownDocument document)
    {
        document.Heading(4, MarkdownText.Inline(chart.Title));
        var link = document.Names.Add(slug, "svg", SvgLineChart.Render(chart));
        if (link is not null)
        {
            document.Paragraph($"![{MarkdownText.Inline(chart.Title)}]({link})");
        }

        if (document.Dialect.Mermaid)
        {
            var (block, drawn, leftOut) = MermaidXyChart.Render(chart);
            if (drawn.Count > 0)
            {
                document.Raw(block);
                var order = string.Join(", ", drawn.Select((name, i) => $"{i + 1}. {MarkdownText.Code(name)}"));
                var missing = leftOut.Count == 0 ? string.Empty : $" Left out of this block for a missing point: {string.Join(", ", leftOut.Select(n => MarkdownText.Code(n)))}.";
                document.Paragraph($"Lines in the block above, in drawing order (mermaid draws no legend): {order}.{missing}");
            }
        }

        if (link is null && !document.Dialect.Mermaid)
        {
            document.Paragraph("(Charts are written as SVG files beside the report when it is written to a file.)");
        }
    }
}
