namespace AsyncIoTools.Measurement;

/// <summary>What was recorded during one interval of a measurement, for interval logs (.hlog).</summary>
public sealed record IntervalHistogram(DateTimeOffset Start, TimeSpan Length, LatencyHistogram Histogram);
