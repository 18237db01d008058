namespace AsyncIoTools.Reports.Baselines;

/// <summary>The current results against a baseline: changes by row, rows found on one side only, and caveats.</summary>
public sealed record BaselineComparison(
    double Threshold,
    IReadOnlyList<RowChange> Rows,
    IReadOnlyList<string> OnlyInBaseline,
    IReadOnlyList<string> OnlyInCurrent,
    IReadOnlyList<string> Caveats)
{
    public IEnumerable<(RowChange Row, MetricChange Change)> Regressions =>
        Rows.SelectMany(r => r.Changes.Where(c => c.Verdict == ChangeVerdict.Regressed).Select(c => (r, c)));

    public int Count(ChangeVerdict verdict) => Rows.Sum(r => r.Changes.Count(c => c.Verdict == verdict));
}
