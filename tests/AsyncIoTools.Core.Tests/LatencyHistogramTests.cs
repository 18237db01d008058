using AsyncIoTools.Measurement;

namespace AsyncIoTools.Core.Tests;

public sealed class LatencyHistogramTests
{
    public static TheoryData<string, int> Distributions => new()
    {
        { "uniform", 1 },
        { "exponential", 2 },
        { "bimodal", 3 },
        { "heavy-tail", 4 },
    };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void ValueAtPercentile_RandomData_IsWithinBucketPrecisionOfExactPercentile(string distribution, int seed)
    {
        var random = new Random(seed);
        var values = Enumerable.Range(0, 100_000).Select(_ => Sample(distribution, random)).ToArray();
        var histogram = Recording(values);

        Array.Sort(values);
        foreach (var percentile in new[] { 0.1, 1, 10, 25, 50, 75, 90, 99, 99.9, 99.99, 100 })
        {
            var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * values.Length));
            var exact = values[rank - 1];
            var estimate = histogram.ValueAtPercentile(percentile);

            // Buckets are 1/128 of their power of two wide and report their middle: error ≤ half a bucket.
            var tolerance = Math.Max(1, exact / 128.0);
            Assert.True(Math.Abs(estimate - exact) <= tolerance, $"{distribution} p{percentile}: exact {exact}, estimate {estimate}");
        }

        Assert.Equal(values[0], histogram.Min);
        Assert.Equal(values[^1], histogram.Max);
        Assert.Equal(values.Length, histogram.TotalCount);
        Assert.Equal(values.Average(v => (double)v), histogram.Mean, 6);
    }

    [Fact]
    public void Add_MergesLikeRecordingEverythingInOne()
    {
        var random = new Random(7);
        var parts = Enumerable.Range(0, 4).Select(_ => new LatencyHistogram()).ToArray();
        var whole = new LatencyHistogram();
        for (var i = 0; i < 40_000; i++)
        {
            var value = (long)(random.NextDouble() * 5_000_000);
            parts[i % 4].Record(value);
            whole.Record(value);
        }

        var merged = new LatencyHistogram();
        foreach (var part in parts)
        {
            merged.Add(part);
        }

        AssertSameDistribution(whole, merged);
    }

    [Fact]
    public void FromBuckets_RoundTripsWhatResultFilesKeep()
    {
        var histogram = Recording([5, 900, 1_000, 65_536, 70_000, 3_000_000_000]);

        var copy = LatencyHistogram.FromBuckets(histogram.NonEmptyBuckets(), histogram.Min, histogram.Max);

        AssertSameDistribution(histogram, copy);
    }

    [Fact]
    public void Record_ValuesOutsideTheRange_AreClampedNotLost()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(-5);
        histogram.Record(long.MaxValue);

        Assert.Equal(2, histogram.TotalCount);
        Assert.Equal(0, histogram.Min);
        Assert.Equal(LatencyHistogram.MaxTrackableValue, histogram.Max);
    }

    [Fact]
    public void EmptyHistogram_AnswersZero()
    {
        var histogram = new LatencyHistogram();

        Assert.Equal(0, histogram.ValueAtPercentile(99));
        Assert.Equal(0, histogram.Mean);
        Assert.Empty(histogram.NonEmptyBuckets());
    }

    [Fact]
    public void BucketIndexing_IsContinuousAndMonotonic()
    {
        for (var index = 1; index < LatencyHistogram.BucketCount; index++)
        {
            var previousEnd = LatencyHistogram.LowestValueOf(index - 1) + LatencyHistogram.WidthOf(index - 1);
            Assert.Equal(previousEnd, LatencyHistogram.LowestValueOf(index));
            Assert.Equal(index, LatencyHistogram.IndexOf(LatencyHistogram.LowestValueOf(index)));
        }
    }

    [Fact]
    public void FromBuckets_BucketOutsideTheHistogram_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyHistogram.FromBuckets([new HistogramBucket(LatencyHistogram.BucketCount, 1)]));
    }

    private static LatencyHistogram Recording(IEnumerable<long> values)
    {
        var histogram = new LatencyHistogram();
        foreach (var value in values)
        {
            histogram.Record(value);
        }

        return histogram;
    }

    /// <summary>The same buckets, hence the same count, extremes and percentiles.</summary>
    private static void AssertSameDistribution(LatencyHistogram expected, LatencyHistogram actual)
    {
        Assert.Equal(expected.NonEmptyBuckets(), actual.NonEmptyBuckets());
        Assert.Equal(expected.TotalCount, actual.TotalCount);
        Assert.Equal(expected.Min, actual.Min);
        Assert.Equal(expected.Max, actual.Max);
        Assert.Equal(expected.ValueAtPercentile(50), actual.ValueAtPercentile(50));
        Assert.Equal(expected.ValueAtPercentile(99.9), actual.ValueAtPercentile(99.9));
    }

    private static long Sample(string distribution, Random random) => distribution switch
    {
        "uniform" => random.NextInt64(0, 10_000_000),
        "exponential" => (long)(-Math.Log(1 - random.NextDouble()) * 200_000),
        "bimodal" => random.Next(2) == 0 ? random.NextInt64(50_000, 60_000) : random.NextInt64(5_000_000, 6_000_000),
        _ => (long)(1_000 / Math.Pow(1 - random.NextDouble(), 1.5)),
    };
}
