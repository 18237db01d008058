using System.Numerics;

namespace AsyncIoTools.Measurement;

/// <summary>
/// A compact log-linear histogram of non-negative values (nanoseconds, by convention), in the spirit of
/// HdrHistogram: each power-of-two range is split into <see cref="SubBuckets"/> linear buckets, so any recorded
/// value is known to within 1/128 (0.8%) of itself from 1 ns up to <see cref="MaxTrackableValue"/>.
/// Recording is one array increment; one instance belongs to one thread, and instances are merged at the end.
/// </summary>
public sealed class LatencyHistogram
{
    /// <summary>log2 of the number of linear sub-buckets per power of two.</summary>
    public const int SubBucketBits = 7;

    public const int SubBuckets = 1 << SubBucketBits;

    /// <summary>Values above this (about 18 minutes in nanoseconds) are recorded as this value.</summary>
    public const long MaxTrackableValue = (1L << HighestExponent + 1) - 1;

    private const int HighestExponent = 39;

    /// <summary>Number of buckets: values below <see cref="SubBuckets"/> are exact, then 128 per power of two.</summary>
    public const int BucketCount = (HighestExponent - SubBucketBits + 2) * SubBuckets;

    private readonly long[] _counts = new long[BucketCount];

    public long TotalCount { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public long Max { get; private set; }

    /// <summary>Sum of recorded values (clamped ones included as recorded), for the mean.</summary>
    public double Sum { get; private set; }

    public double Mean => TotalCount == 0 ? 0 : Sum / TotalCount;

    public void Record(long value) => RecordMany(value, 1);

    public void RecordMany(long value, long count)
    {
        if (count <= 0)
        {
            return;
        }

        value = Math.Clamp(value, 0, MaxTrackableValue);
        _counts[IndexOf(value)] += count;
        TotalCount += count;
        Sum += (double)value * count;
        if (value < Min)
        {
            Min = value;
        }

        if (value > Max)
        {
            Max = value;
        }
    }

    /// <summary>Adds every count of <paramref name="other"/> into this histogram.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.TotalCount == 0)
        {
            return;
        }

        for (var i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        TotalCount += other.TotalCount;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    public void Reset()
    {
        Array.Clear(_counts);
        TotalCount = 0;
        Sum = 0;
        Min = long.MaxValue;
        Max = 0;
    }

    public LatencyHistogram Copy()
    {
        var copy = new LatencyHistogram();
        copy.Add(this);
        return copy;
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0–100) by nearest rank, reported as the middle of its bucket
    /// (never beyond the exact min and max). An empty histogram answers 0.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        if (TotalCount == 0)
        {
            return 0;
        }

        // HdrHistogram's rank, so that its readers of our .hlog files find the same buckets: the count at the
        // percentile rounded up, less one ulp of floating-point error.
        percentile = Math.Clamp(percentile, 0, 100);
        var exact = percentile / 100.0 * TotalCount;
        var rank = Math.Max(1, (long)Math.Ceiling(exact - (Math.BitIncrement(exact) - exact)));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Clamp(MidpointOf(i), Min, Max);
            }
        }

        return Max;
    }

    /// <summary>Non-empty buckets as (bucket index, count), the form kept in result files.</summary>
    public IReadOnlyList<HistogramBucket> NonEmptyBuckets()
    {
        var buckets = new List<HistogramBucket>();
        for (var i = 0; i < BucketCount; i++)
        {
            if (_counts[i] != 0)
            {
                buckets.Add(new HistogramBucket(i, _counts[i]));
            }
        }

        return buckets;
    }

    /// <summary>Rebuilds a histogram from its kept buckets (bucket midpoints stand in for the values).</summary>
    public static LatencyHistogram FromBuckets(IEnumerable<HistogramBucket> buckets, long? min = null, long? max = null)
    {
        ArgumentNullException.ThrowIfNull(buckets);
        var histogram = new LatencyHistogram();
        foreach (var bucket in buckets)
        {
            if (bucket.Index is < 0 or >= BucketCount || bucket.Count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(buckets), $"bucket {bucket.Index} with count {bucket.Count} is outside the histogram");
            }

            histogram.RecordMany(MidpointOf(bucket.Index), bucket.Count);
        }

        if (histogram.TotalCount > 0)
        {
            if (min is { } exactMin)
            {
                histogram.Min = exactMin;
            }

            if (max is { } exactMax)
            {
                histogram.Max = exactMax;
            }
        }

        return histogram;
    }

    public static int IndexOf(long value)
    {
        if (value < SubBuckets)
        {
            return (int)value;
        }

        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = exponent - SubBucketBits;
        return (shift * SubBuckets) + (int)(value >> shift);
    }

    public static long LowestValueOf(int index)
    {
        if (index < SubBuckets)
        {
            return index;
        }

        var shift = (index >> SubBucketBits) - 1;
        var offset = index & (SubBuckets - 1);
        return (long)(SubBuckets + offset) << shift;
    }

    public static long WidthOf(int index) => index < SubBuckets ? 1 : 1L << ((index >> SubBucketBits) - 1);

    /// <summary>The value a bucket stands for: its middle (what percentiles and exports report).</summary>
    public static long MidpointOf(int index) => LowestValueOf(index) + (WidthOf(index) / 2);
}
