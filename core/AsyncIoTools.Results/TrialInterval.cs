using AsyncIoTools.Measurement;

namespace AsyncIoTools.Results;

/// <summary>A figure's spread over trials: median, range and 95% confidence interval (see <see cref="TrialStatistics"/>).</summary>
public sealed record TrialInterval(double Median, double Min, double Max, double Ci95Low, double Ci95High, string Method, double RelativeSpread)
{
    public static TrialInterval From(TrialStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        return new TrialInterval(statistics.Median, statistics.Min, statistics.Max, statistics.Ci95Low, statistics.Ci95High, statistics.Method, statistics.RelativeSpread);
    }
}
