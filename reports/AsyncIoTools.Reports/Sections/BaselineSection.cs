using System.Globalization;
using AsyncIoTools.Reports.Baselines;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Sections;

/// <summary>Each metric's change against the baseline, regressions flagged and listed with both figures.</summary>
internal static class BaselineSection
{
    public static void Write(ReportModel model, MarkdownDocument document)
    {
        if (model.Baseline is not { } comparison)
        {
            return;
        }

        document.Heading(2, "Against the baseline");
        foreach (var caveat in comparison.Caveats)
        {
            document.Warning(MarkdownText.Inline(caveat));
        }

        document.Paragraph(string.Create(
            CultureInfo.InvariantCulture,
            $"{comparison.Count(ChangeVerdict.Regressed)} regression(s), {comparison.Count(ChangeVerdict.Improved)} improvement(s) and {comparison.Count(ChangeVerdict.Unchanged)} unchanged figure(s) over {comparison.Rows.Count} row(s). A figure regresses when it moves the wrong way by more than {Numbers.Percent(comparison.Threshold)}, or by more than the baseline's and this run's 95% intervals together when those are wider; error counts regress on any increase."));
        if (comparison.Rows.Count > 0)
        {
            var metrics = ReportMetrics.All.Where(m => comparison.Rows.Any(r => r.Changes.Any(c => c.Metric == m))).ToList();
            var table = new MarkdownTable(
                metrics.Select(m => m.Title).Prepend("Engine").Prepend("Point").Prepend("Scenario").ToList(),
                metrics.Select(_ => ColumnAlignment.Right).Prepend(ColumnAlignment.Left).Prepend(ColumnAlignment.Left).Prepend(ColumnAlignment.Left).ToList());
            foreach (var row in comparison.Rows)
            {
                table.Add(metrics
                    .Select(m => row.Changes.FirstOrDefault(c => c.Metric == m) is { } change ? Cell(change) : "n/a")
                    .Prepend(MarkdownText.Inline(row.Engine))
                    .Prepend(MarkdownText.Inline(row.Point))
                    .Prepend(MarkdownText.Inline(row.Scenario))
                    .ToList());
            }

            document.Table(table);
        }

        document.List(comparison.Regressions.Select(r => Regression(r.Row, r.Change)));
        document.List(comparison.OnlyInBaseline.Select(d => "Only in the baseline: " + MarkdownText.Inline(d)));
        document.List(comparison.OnlyInCurrent.Select(d => "New (not in the baseline): " + MarkdownText.Inline(d)));
    }

    private static string ChangeText(MetricChange change) => change.Metric.Kind == QuantityKind.Count
        ? (change.Change >= 0 ? "+" : "-") + Numbers.Count(Math.Abs(change.Change))
        : Numbers.Change(change.Change);

    private static string Cell(MetricChange change)
    {
        var text = ChangeText(change);
        return change.Verdict switch
        {
            ChangeVerdict.Regressed => $"**{text} regressed**",
            ChangeVerdict.Improved => $"{text} improved",
            _ => text,
        };
    }

    private static string Regression(RowChange row, MetricChange change)
    {
        var unit = DisplayUnit.For(change.Metric.Kind, [change.Baseline.Median, change.Current.Median]);
        var allowed = change.Metric.Kind == QuantityKind.Count ? "any increase" : "allowed " + Numbers.Percent(change.Allowance);
        return $"**Regression**: {MarkdownText.Inline(row.Engine)} in {MarkdownText.Inline(row.Scenario)} at {MarkdownText.Inline(row.Point)}: " +
            $"{MarkdownText.Inline(change.Metric.Description)} {unit.FormatWithSymbol(change.Baseline.Median)} → {unit.FormatWithSymbol(change.Current.Median)} " +
            $"({ChangeText(change)}; {allowed}) — baseline {MarkdownText.Code(row.BaselineOrigin)}, now {MarkdownText.Code(row.CurrentOrigin)}";
    }
}
