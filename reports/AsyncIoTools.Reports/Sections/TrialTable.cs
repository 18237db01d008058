using System.Globalization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// Every trial of a point, folded away: the raw figures behind the medians, and a flag on each trial whose
/// throughput or CPU cost lies more than the noise threshold away from its engine's median.
/// </summary>
internal static class TrialTable
{
    public static void Write(List<EngineRow> rows, List<Metric> metrics, Dictionary<string, DisplayUnit> units, MarkdownDocument document)
    {
        var perTrial = metrics.Where(m => m.PerTrial is not null).ToList();
        if (rows.All(r => r.Run.Trials.Count == 0) || perTrial.Count == 0)
        {
            return;
        }

        var flagged = new[] { ReportMetrics.Throughput, ReportMetrics.CpuPerRequest, ReportMetrics.BytesPerSecond, ReportMetrics.CpuPerMebibyte }
            .Where(perTrial.Contains)
            .ToList();
        var table = new MarkdownTable(
            perTrial.Select(m => units[m.Key].Header(m.Title)).Prepend("Trial").Prepend("Engine").Append("Off the median").ToList(),
            perTrial.Select(_ => ColumnAlignment.Right).Prepend(ColumnAlignment.Right).Prepend(ColumnAlignment.Left).Append(ColumnAlignment.Left).ToList());
        foreach (var row in rows)
        {
            foreach (var trial in row.Run.Trials)
            {
                var cells = new List<string> { MarkdownText.Inline(row.Name), trial.Index.ToString(CultureInfo.InvariantCulture) };
                cells.AddRange(perTrial.Select(m => m.PerTrial!(trial) is { } v ? units[m.Key].Format(v) : "n/a"));
                var off = flagged
                    .Select(m => (Metric: m, Value: m.PerTrial!(trial), Median: row.Figure(m)?.Median))
                    .Where(x => x.Value.HasValue && x.Median is > 0 && Math.Abs(x.Value.Value - x.Median.Value) / x.Median.Value > SummaryPoints.NoisySpread)
                    .Select(x => $"{x.Metric.Title} {Numbers.Change((x.Value!.Value - x.Median!.Value) / x.Median.Value)}")
                    .ToList();
                cells.Add(off.Count == 0 ? string.Empty : "⚠ " + string.Join(", ", off));
                table.Add(cells);
            }
        }

        document.BeginDetails("Every trial");
        document.Table(table);
        document.EndDetails();
    }
}
