using System.Globalization;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// The tables of one scenario point: medians (best marked, ratios to the reference, noisy figures flagged), their
/// confidence intervals, every trial (folded away), then the runner's warnings. Rows that ran a case say which in a
/// Case column; the reference of the ratios is the reference engine's first case.
/// </summary>
internal static class PointTables
{
    public static void Write(ReportModel model, ScenarioPoint point, IReadOnlyList<Metric> metrics, MarkdownDocument document)
    {
        var rows = point.Completed.ToList();
        if (rows.Count > 0 && metrics.Count > 0)
        {
            var units = metrics.ToDictionary(m => m.Key, m => DisplayUnit.For(m.Kind, rows.Select(r => r.Figure(m)?.Median ?? 0)), StringComparer.Ordinal);
            var reference = rows.Count > 1 ? Reference(model.ReferenceEngine, rows) : null;
            var lead = new RowLead(point.HasCases);
            var (medians, anyPaired) = Medians(rows, metrics, units, reference, lead);
            document.Table(medians);
            document.Paragraph(Legend(rows, reference, anyPaired));
            var intervals = metrics.Where(m => m.Aggregate == MetricAggregate.Median && rows.Any(r => r.Figure(m)?.Trials > 1)).ToList();
            if (intervals.Count > 0)
            {
                document.Table(Intervals(rows, intervals, units, lead));
            }

            TrialTable.Write(rows, metrics, units, document);
        }

        document.List(point.Rows.SelectMany(r => (r.Run.Summary?.Warnings ?? []).Select(w => $"{MarkdownText.Code(r.Label)}: {MarkdownText.Inline(w)}")));
    }

    private static EngineRow Reference(string? requested, List<EngineRow> rows) =>
        (requested is null ? null : rows.FirstOrDefault(r => r.Matches(requested)))
        ?? rows.FirstOrDefault(r => r.Matches("epoll"))
        ?? rows[0];

    /// <returns>The table, and whether any of its ratios was taken trial by trial (marked <see cref="PairedMark"/>).</returns>
    private static (MarkdownTable Table, bool AnyPaired) Medians(List<EngineRow> rows, IReadOnlyList<Metric> metrics, Dictionary<string, DisplayUnit> units, EngineRow? reference, RowLead lead)
    {
        var anyPaired = false;
        var table = lead.Table(metrics.Select(m => units[m.Key].Header(m.Title)));
        var best = metrics.ToDictionary(m => m.Key, m => Best(rows, m, units[m.Key]), StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var cells = lead.Cells(row, ReferenceEquals(row, reference) ? " (ref)" : string.Empty);
            foreach (var metric in metrics)
            {
                if (row.Figure(metric) is not { } figure)
                {
                    cells.Add("n/a");
                    continue;
                }

                var text = units[metric.Key].Format(figure.Median);
                var cell = best[metric.Key] == text ? $"**{text}**" : text;
                if (figure.IsNoisy && metric.Aggregate == MetricAggregate.Median)
                {
                    cell += " ⚠";
                }

                if (reference is not null && !ReferenceEquals(row, reference) && metric.Kind != QuantityKind.Count
                    && row.RatioTo(reference, metric) is { } ratio)
                {
                    cell += $" ({Numbers.Ratio(ratio.Value)}{(ratio.IsPaired ? PairedMark : string.Empty)})";
                    anyPaired |= ratio.IsPaired;
                }

                cells.Add(cell);
            }

            table.Add(cells);
        }

        return (table, anyPaired);
    }

    /// <summary>The best median of a column as printed, or null when there is nothing to choose between.</summary>
    private static string? Best(List<EngineRow> rows, Metric metric, DisplayUnit unit)
    {
        var values = rows.Select(r => r.Figure(metric)?.Median).OfType<double>().ToList();
        if (values.Count < 2 || values.Distinct().Count() == 1)
        {
            return null;
        }

        return unit.Format(metric.HigherIsBetter ? values.Max() : values.Min());
    }

    /// <summary>Marks a ratio taken trial by trial (<see cref="FigureRatio"/>), where the others are ratios of medians.</summary>
    private const string PairedMark = "†";

    private static string Legend(List<EngineRow> rows, EngineRow? reference, bool anyPaired)
    {
        var trials = rows.Select(r => r.Run.Trials.Count).Distinct().Order().ToList();
        var counts = trials.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"Medians of {trials[0]} trial(s)")
            : string.Create(CultureInfo.InvariantCulture, $"Medians of {trials[0]}–{trials[^1]} trials");
        var ratio = reference is null
            ? string.Empty
            : $" (n×): ratio to {MarkdownText.Inline(reference.Label)}, this row's figure ÷ the reference's{(anyPaired ? $"; n×{PairedMark}: the median of the per-trial ratios, the two runs' trials having been interleaved" : string.Empty)} (throughput and bytes per second: higher is better; the rest: lower is better).";
        return $"{counts}; errors are totals over all trials.{ratio} ⚠: the trials of that figure spread by more than {Numbers.Percent(SummaryPoints.NoisySpread)} of the median.";
    }

    private static MarkdownTable Intervals(List<EngineRow> rows, List<Metric> metrics, Dictionary<string, DisplayUnit> units, RowLead lead)
    {
        var table = lead.Table(metrics.Select(m => "95% CI " + units[m.Key].Header(m.Title)));
        foreach (var row in rows)
        {
            var cells = lead.Cells(row, string.Empty);
            cells.AddRange(metrics.Select(m => row.Figure(m) switch
            {
                null => "n/a",
                { Trials: < 2 } => "1 trial",
                var f => $"{units[m.Key].Format(Math.Max(0, f.Ci95Low))}–{units[m.Key].Format(f.Ci95High)}",
            }));
            table.Add(cells);
        }

        return table;
    }
}
