using System.Globalization;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// Every trial of a point, folded away: the raw figures behind the medians, the CPU other processes used meanwhile
/// (when recorded), and a flag on each trial whose throughput or CPU cost lies more than the noise threshold away
/// from its row's median, or during which the machine was busy with something else.
/// </summary>
internal static class TrialTable
{
    private static readonly Metric[] Flagged = [ReportMetrics.Throughput, ReportMetrics.CpuPerRequest, ReportMetrics.MebibytesPerSecond, ReportMetrics.CpuPerMebibyte];

    public static void Write(List<EngineRow> rows, IReadOnlyList<Metric> metrics, Dictionary<string, DisplayUnit> units, MarkdownDocument document)
    {
        var perTrial = metrics.Where(m => m.PerTrial is not null).ToList();
        if (rows.All(r => r.Run.Trials.Count == 0) || perTrial.Count == 0)
        {
            return;
        }

        var flagged = Flagged.Where(perTrial.Contains).ToList();
        var otherLoad = rows.Any(r => r.Run.Trials.Any(t => t.System is not null));
        var headers = perTrial.Select(m => units[m.Key].Header(m.Title)).Prepend("Trial").Prepend("Engine").ToList();
        if (otherLoad)
        {
            headers.Add("Other CPU");
        }

        headers.Add("Off the median");
        var table = new MarkdownTable(headers, [ColumnAlignment.Left, .. headers.Skip(1).SkipLast(1).Select(_ => ColumnAlignment.Right), ColumnAlignment.Left]);
        foreach (var row in rows)
        {
            foreach (var trial in row.Run.Trials)
            {
                var cells = new List<string> { MarkdownText.Inline(row.Label), trial.Index.ToString(CultureInfo.InvariantCulture) };
                cells.AddRange(perTrial.Select(m => m.PerTrial!(trial) is { } v ? units[m.Key].Format(v) : "n/a"));
                var off = flagged
                    .Select(m => (Metric: m, Value: m.PerTrial!(trial), Median: row.Figure(m)?.Median))
                    .Where(x => x.Value.HasValue && x.Median is > 0 && Math.Abs(x.Value.Value - x.Median.Value) / x.Median.Value > SummaryPoints.NoisySpread)
                    .Select(x => $"{x.Metric.Title} {Numbers.Change((x.Value!.Value - x.Median!.Value) / x.Median.Value)}")
                    .ToList();
                if (otherLoad)
                {
                    cells.Add(trial.System is { } system ? Numbers.Percent(system.OtherCpuShare) : "n/a");
                    if (trial.System?.OtherCpuShare > SummaryPoints.OtherLoad)
                    {
                        off.Add(trial.System.BusiestOtherProcess is { } name ? $"machine busy (most: {MarkdownText.Inline(name)})" : "machine busy");
                    }

                    if (trial.System?.StealCpuShare > SummaryPoints.OtherLoad)
                    {
                        off.Add(string.Create(CultureInfo.InvariantCulture, $"host busy (steal {Numbers.Percent(trial.System.StealCpuShare.Value)})"));
                    }
                }

                cells.Add(off.Count == 0 ? string.Empty : "⚠ " + string.Join(", ", off));
                table.Add(cells);
            }
        }

        document.BeginDetails("Every trial");
        document.Table(table);
        if (otherLoad)
        {
            document.Paragraph($"Other CPU: CPU time other processes used during the trial, as a share of one CPU; past {Numbers.Percent(SummaryPoints.OtherLoad)} the trial is flagged (the busiest named), as it is when the hypervisor kept that much from this machine (steal): its figures may be disturbed.");
        }

        document.EndDetails();
    }
}
