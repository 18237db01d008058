using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// A figure the report knows how to derive from a run: from its raw trials when it has them (statistics are
/// derived here, from the raw values), else from the run, else from the stored summary.
/// </summary>
public sealed record Metric
{
    public required string Key { get; init; }

    /// <summary>Column title without unit; the unit is chosen from the values and added to the header.</summary>
    public required string Title { get; init; }

    /// <summary>What the figure is, in words, for legends and claims ("server CPU per request").</summary>
    public required string Description { get; init; }

    public required QuantityKind Kind { get; init; }

    public required bool HigherIsBetter { get; init; }

    public Func<TrialResult, double?>? PerTrial { get; init; }

    public Func<EngineRun, double?>? PerRun { get; init; }

    public Func<SummaryPoint, double?>? FromSummary { get; init; }

    /// <summary>What a stored summary figure and its interval are multiplied by to be in this metric's base unit (MiB/s → B/s).</summary>
    public double SummaryScale { get; init; } = 1;

    public MetricAggregate Aggregate { get; init; } = MetricAggregate.Median;

    public MetricVisibility Visibility { get; init; } = MetricVisibility.Always;

    /// <summary>This metric's figure for a run, or null when the run did not measure it.</summary>
    public Figure? Measure(EngineRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Status != RunStatus.Completed)
        {
            return null;
        }

        if (PerTrial is not null)
        {
            var trials = run.Trials
                .Select(t => (Trial: t.Index, Value: PerTrial(t)))
                .Where(t => t.Value.HasValue && double.IsFinite(t.Value.Value))
                .Select(t => (t.Trial, Value: t.Value!.Value))
                .ToArray();
            if (trials.Length > 0)
            {
                return Aggregate == MetricAggregate.Sum ? Figure.Once(trials.Sum(t => t.Value), [.. trials.Select(t => t.Value)]) : Figure.FromTrials(trials);
            }
        }

        if (PerRun?.Invoke(run) is { } perRun && double.IsFinite(perRun))
        {
            return Figure.Once(perRun);
        }

        if (run.Summary is { } summary && FromSummary?.Invoke(summary) is { } stored && double.IsFinite(stored))
        {
            var figure = summary.Intervals is { } intervals && intervals.TryGetValue(Key, out var interval) && summary.Trials > 1
                ? Figure.FromInterval(interval, summary.Trials)
                : Figure.Once(stored);
            return SummaryScale == 1 ? figure : figure.Scale(SummaryScale);
        }

        return null;
    }

    /// <summary>True when <paramref name="a"/> is better than <paramref name="b"/> in this metric's direction.</summary>
    public bool IsBetter(double a, double b) => HigherIsBetter ? a > b : a < b;
}
