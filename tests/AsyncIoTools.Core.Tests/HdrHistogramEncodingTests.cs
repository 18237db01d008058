using AsyncIoTools.Measurement;

namespace AsyncIoTools.Core.Tests;

public sealed class HdrHistogramEncodingTests
{
    [Fact]
    public void Compressed_RoundTrips_EveryBucketAndCount()
    {
        var histogram = new LatencyHistogram();
        var random = new Random(17);
        for (var i = 0; i < 10_000; i++)
        {
            histogram.Record((long)Math.Exp(random.NextDouble() * 25));
        }

        histogram.RecordMany(LatencyHistogram.MaxTrackableValue, 3);
        histogram.RecordMany(0, 2);

        var back = HdrHistogramEncoding.DecodeCompressedBase64(HdrHistogramEncoding.EncodeCompressedBase64(histogram));

        Assert.Equal(histogram.NonEmptyBuckets(), back.NonEmptyBuckets());
        Assert.Equal(histogram.TotalCount, back.TotalCount);
    }

    [Fact]
    public void Encode_WritesTheV2HeaderAndZeroRuns()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1);
        histogram.Record(3);
        histogram.RecordMany(300, 5);

        var bytes = HdrHistogramEncoding.Encode(histogram);

        Assert.Equal(new byte[] { 0x1c, 0x84, 0x93, 0x13 }, bytes[..4]);
        Assert.Equal(2, bytes[15]); // significant digits
        Assert.Equal(1, bytes[23]); // lowest discernible value
        // Payload: index 0 empty (a single zero is a count of 0), 1 → 1, 2 empty, 3 → 1, a run of 274 zeros
        // (ZigZag of -274 is 547: 0xA3 0x04), then 5 at index 278 (300 is in 256..511, steps of 2: 128 + 300/2).
        Assert.Equal(278, LatencyHistogram.IndexOf(300));
        Assert.Equal(new byte[] { 0, 2, 0, 2, 0xA3, 0x04, 10 }, bytes[40..]);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(1L)]
    [InlineData(-1L)]
    [InlineData(63L)]
    [InlineData(64L)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(1L << 56)]
    public void ZigZag_RoundTrips_WithinNineBytes(long value)
    {
        var buffer = new byte[9];
        var written = HdrHistogramEncoding.PutZigZag(buffer, value);
        ReadOnlySpan<byte> read = buffer.AsSpan(0, written);

        Assert.InRange(written, 1, 9);
        Assert.Equal(value, HdrHistogramEncoding.GetZigZag(ref read));
        Assert.True(read.IsEmpty);
    }

    [Fact]
    public void Decode_RefusesAnotherBucketLayout()
    {
        var bytes = HdrHistogramEncoding.Encode(new LatencyHistogram());
        bytes[15] = 3;

        Assert.Throws<FormatException>(() => HdrHistogramEncoding.Decode(bytes));
    }

    [Fact]
    public void LogWriter_WritesTheHeadersAndOneTaggedLinePerInterval()
    {
        var histogram = new LatencyHistogram();
        histogram.RecordMany(2_500_000, 4);
        using var text = new StringWriter();
        var start = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123);

        using (var log = HistogramLogWriter.Over(text, start, "test"))
        {
            log.WriteInterval("pid 42,x", 1.5, 1, histogram);
        }

        var lines = text.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("#[StartTime: 1700000000.123 (seconds since epoch), Tue Nov 14 22:13:20 UTC 2023]", lines);
        Assert.Contains("#[BaseTime: 1700000000.123 (seconds since epoch)]", lines);
        var line = lines[^1].Split(',');
        Assert.Equal(["Tag=pid_42_x", "1.500", "1.000", "2.500"], line[..4]);
        Assert.Equal(histogram.NonEmptyBuckets(), HdrHistogramEncoding.DecodeCompressedBase64(line[4]).NonEmptyBuckets());
    }
}
