namespace AsyncIoTools.Measurement;

/// <summary>
/// Median and 95% confidence interval of a figure measured once per trial. With six or more trials the
/// interval is the distribution-free one for the median (order statistics of the binomial); with fewer, a
/// Student-t interval around the mean, which assumes roughly normal noise. <see cref="Method"/> says which.
/// </summary>
public sealed record TrialStatistics(
    double Median,
    double Min,
    double Max,
    double Ci95Low,
    double Ci95High,
    int Trials,
    string Method)
{
    /// <summary>Spread of the trials relative to their median: (max − min) / median.</summary>
    public double RelativeSpread => Median == 0 ? 0 : (Max - Min) / Math.Abs(Median);

    public static TrialStatistics Of(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new TrialStatistics(0, 0, 0, 0, 0, 0, "none");
        }

        var sorted = values.Order().ToArray();
        var median = MedianOfSorted(sorted);
        if (sorted.Length == 1)
        {
            return new TrialStatistics(median, median, median, median, median, 1, "single");
        }

        if (sorted.Length >= 6)
        {
            var (low, high) = MedianRankInterval(sorted.Length);
            return new TrialStatistics(median, sorted[0], sorted[^1], sorted[low], sorted[high], sorted.Length, "median-order-statistic");
        }

        var mean = sorted.Average();
        var variance = sorted.Sum(v => (v - mean) * (v - mean)) / (sorted.Length - 1);
        var half = StudentT975[sorted.Length - 1] * Math.Sqrt(variance / sorted.Length);
        return new TrialStatistics(median, sorted[0], sorted[^1], mean - half, mean + half, sorted.Length, "mean-student-t");
    }

    public static double MedianOfSorted(IReadOnlyList<double> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return 0;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>
    /// Zero-based ranks (j, k) of the smallest symmetric order-statistic interval that covers the median with
    /// at least 95% probability: P(j &lt; B ≤ k) ≥ 0.95 for B ~ Binomial(n, ½).
    /// </summary>
    private static (int Low, int High) MedianRankInterval(int n)
    {
        for (var j = (n / 2) - 1; j >= 0; j--)
        {
            var k = n - 1 - j;
            var coverage = 0.0;
            for (var i = j + 1; i <= k; i++)
            {
                coverage += BinomialHalf(n, i);
            }

            if (coverage >= 0.95)
            {
                return (j, k);
            }
        }

        return (0, n - 1);
    }

    private static double BinomialHalf(int n, int k)
    {
        var logChoose = 0.0;
        for (var i = 1; i <= k; i++)
        {
            logChoose += Math.Log(n - k + i) - Math.Log(i);
        }

        return Math.Exp(logChoose - (n * Math.Log(2)));
    }

    // Two-sided 95% quantiles of Student's t for 0..5 degrees of freedom (index = df).
    private static readonly double[] StudentT975 = [double.NaN, 12.706, 4.303, 3.182, 2.776, 2.571];
}
