using AsyncIoTools.Measurement;

namespace AsyncIoTools.Results;

/// <summary>One interval of a load shard's window as it travels to the runner (histogram buckets included).</summary>
public sealed record IntervalMeasurement(DateTimeOffset Start, double LengthSeconds, LatencySummary Latency)
{
    public static IntervalMeasurement From(IntervalHistogram interval)
    {
        ArgumentNullException.ThrowIfNull(interval);
        return new IntervalMeasurement(interval.Start, interval.Length.TotalSeconds, LatencySummary.From(interval.Histogram));
    }

    public IntervalHistogram ToInterval() => new(Start, TimeSpan.FromSeconds(LengthSeconds), Latency.ToHistogram());
}
