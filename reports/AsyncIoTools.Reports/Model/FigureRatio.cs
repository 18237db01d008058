using AsyncIoTools.Measurement;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// One figure divided by another. Two runs of one interleaved result (<see cref="Results.BenchmarkResult.Interleaved"/>)
/// are divided trial by trial: trial N of each ran within minutes of the other, while their medians may come from
/// trials far apart on a host that drifts, so the ratio is the median of the per-trial ratios, with the lowest and
/// highest. Otherwise it is the ratio of the medians.
/// </summary>
/// <param name="Value">The median of the per-trial ratios when paired, else the ratio of medians.</param>
/// <param name="PairedTrials">How many trials were paired; 0 when the medians were divided.</param>
public sealed record FigureRatio(double Value, double Low, double High, int PairedTrials)
{
    public bool IsPaired => PairedTrials > 0;

    /// <summary>The ratio of <paramref name="top"/> to <paramref name="bottom"/>, or null when <paramref name="bottom"/> is zero.</summary>
    /// <param name="pairTrials">Divide trial by trial where both figures have two or more trials of the same numbers.</param>
    public static FigureRatio? Of(Figure top, Figure bottom, bool pairTrials)
    {
        ArgumentNullException.ThrowIfNull(top);
        ArgumentNullException.ThrowIfNull(bottom);
        if (pairTrials)
        {
            var ratios = top.TrialNumbers
                .Select(n => (Top: top.OfTrial(n), Bottom: bottom.OfTrial(n)))
                .Where(p => p.Top is not null && p.Bottom is { } b && b != 0)
                .Select(p => p.Top!.Value / p.Bottom!.Value)
                .ToArray();
            if (ratios.Length >= 2)
            {
                return new FigureRatio(TrialStatistics.Of(ratios).Median, ratios.Min(), ratios.Max(), ratios.Length);
            }
        }

        if (bottom.Median == 0)
        {
            return null;
        }

        var ratio = top.Median / bottom.Median;
        return new FigureRatio(ratio, ratio, ratio, 0);
    }
}
