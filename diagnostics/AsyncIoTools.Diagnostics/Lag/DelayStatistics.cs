using AsyncIoTools.Measurement;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>Percentiles of a set of thread-pool delays, in microseconds.</summary>
public sealed record DelayStatistics(long Items, long P50Micros, long P90Micros, long P99Micros, long MaxMicros)
{
    /// <summary>The 99.9th percentile (what interval-log readers are compared on).</summary>
    public long P999Micros { get; init; }

    public static DelayStatistics Empty { get; } = new(0, 0, 0, 0, 0);

    /// <summary>From a histogram of nanoseconds.</summary>
    public static DelayStatistics From(LatencyHistogram nanoseconds)
    {
        ArgumentNullException.ThrowIfNull(nanoseconds);
        return nanoseconds.TotalCount == 0
            ? Empty
            : new DelayStatistics(
                nanoseconds.TotalCount,
                nanoseconds.ValueAtPercentile(50) / 1000,
                nanoseconds.ValueAtPercentile(90) / 1000,
                nanoseconds.ValueAtPercentile(99) / 1000,
                nanoseconds.Max / 1000)
            {
                P999Micros = nanoseconds.ValueAtPercentile(99.9) / 1000,
            };
    }
}
