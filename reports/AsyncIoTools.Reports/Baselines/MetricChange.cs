using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Baselines;

/// <summary>
/// One metric of one row against the baseline. <see cref="Change"/> is (current − baseline) ÷ baseline, or the
/// difference itself for counts; <see cref="Allowance"/> is how far it may move in the worse direction before
/// it is a regression: the threshold, or the two medians' 95% half-widths added when those are wider.
/// </summary>
public sealed record MetricChange(Metric Metric, Figure Baseline, Figure Current, double Change, double Allowance, ChangeVerdict Verdict);
