using AsyncIoTools.Measurement;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// One figure of one engine at one scenario point: the median over trials, its 95% confidence interval, the range,
/// and the trial values it was derived from (empty when only a summary was available).
/// </summary>
public sealed record Figure(double Median, double Ci95Low, double Ci95High, double Min, double Max, int Trials, IReadOnlyList<double> TrialValues)
{
    /// <summary>The trial number of each of <see cref="TrialValues"/> (same order); empty when they are not known.</summary>
    public IReadOnlyList<int> TrialNumbers { get; init; } = [];

    /// <summary>(max − min) / median, the spread the runner flags past <see cref="SummaryPoints.NoisySpread"/>.</summary>
    public double RelativeSpread => Median == 0 ? 0 : (Max - Min) / Math.Abs(Median);

    /// <summary>The trials disagree by more than the runner's noise threshold.</summary>
    public bool IsNoisy => Trials > 1 && RelativeSpread > SummaryPoints.NoisySpread;

    /// <summary>Half the width of the 95% interval relative to the median; 0 with one trial (spread unknown).</summary>
    public double RelativeHalfWidth => Trials < 2 || Median == 0 ? 0 : (Ci95High - Ci95Low) / 2 / Math.Abs(Median);

    public static Figure FromTrials(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var statistics = TrialStatistics.Of(values);
        return new Figure(statistics.Median, statistics.Ci95Low, statistics.Ci95High, statistics.Min, statistics.Max, statistics.Trials, [.. values]);
    }

    /// <summary>A figure from trials' values, each with its trial's number.</summary>
    public static Figure FromTrials(IReadOnlyList<(int Trial, double Value)> trials)
    {
        ArgumentNullException.ThrowIfNull(trials);
        return FromTrials(trials.Select(t => t.Value).ToArray()) with { TrialNumbers = [.. trials.Select(t => t.Trial)] };
    }

    /// <summary>The value of trial <paramref name="trial"/>, or null when this figure has none for it.</summary>
    public double? OfTrial(int trial)
    {
        for (var i = 0; i < TrialNumbers.Count && i < TrialValues.Count; i++)
        {
            if (TrialNumbers[i] == trial)
            {
                return TrialValues[i];
            }
        }

        return null;
    }

    public static Figure FromInterval(TrialInterval interval, int trials)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return new Figure(interval.Median, interval.Ci95Low, interval.Ci95High, interval.Min, interval.Max, trials, []);
    }

    /// <summary>The same figure in another unit: every value multiplied by <paramref name="factor"/> (> 0).</summary>
    public Figure Scale(double factor) =>
        new(Median * factor, Ci95Low * factor, Ci95High * factor, Min * factor, Max * factor, Trials, [.. TrialValues.Select(v => v * factor)]) { TrialNumbers = TrialNumbers };

    /// <summary>A figure known once (per run, or a total): no spread.</summary>
    public static Figure Once(double value, IReadOnlyList<double>? parts = null) => new(value, value, value, value, value, 1, parts ?? [value]);
}
