namespace AsyncIoTools.Measurement;

/// <summary>One non-empty bucket of a <see cref="LatencyHistogram"/>, as kept in result files.</summary>
public readonly record struct HistogramBucket(int Index, long Count);
