using AsyncIoTools.Measurement;

namespace AsyncIoTools.Results;

/// <summary>Percentiles of a latency histogram in microseconds, with the histogram's buckets kept for re-analysis.</summary>
public sealed record LatencySummary(
    long Count,
    double MeanMicros,
    double P50Micros,
    double P90Micros,
    double P99Micros,
    double P999Micros,
    double MaxMicros,
    long MinNanos,
    long MaxNanos,
    IReadOnlyList<HistogramBucket> Buckets)
{
    public static LatencySummary From(LatencyHistogram histogram)
    {
        ArgumentNullException.ThrowIfNull(histogram);
        return new LatencySummary(
            histogram.TotalCount,
            histogram.Mean / 1000.0,
            histogram.ValueAtPercentile(50) / 1000.0,
            histogram.ValueAtPercentile(90) / 1000.0,
            histogram.ValueAtPercentile(99) / 1000.0,
            histogram.ValueAtPercentile(99.9) / 1000.0,
            histogram.TotalCount == 0 ? 0 : histogram.Max / 1000.0,
            histogram.TotalCount == 0 ? 0 : histogram.Min,
            histogram.Max,
            histogram.NonEmptyBuckets());
    }

    /// <summary>The histogram back, to merge trials or take other percentiles.</summary>
    public LatencyHistogram ToHistogram() => LatencyHistogram.FromBuckets(Buckets, Count == 0 ? null : MinNanos, Count == 0 ? null : MaxNanos);
}
