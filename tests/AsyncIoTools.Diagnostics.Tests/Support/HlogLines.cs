using AsyncIoTools.Measurement;

namespace AsyncIoTools.Diagnostics.Tests.Support;

/// <summary>Reads our own .hlog back (our decoder), tag by tag, interval by interval.</summary>
public static class HlogLines
{
    public static IReadOnlyList<LatencyHistogram> Intervals(string path, string tag) =>
        File.ReadLines(path)
            .Where(l => l.StartsWith($"Tag={tag},", StringComparison.Ordinal))
            .Select(l => HdrHistogramEncoding.DecodeCompressedBase64(l[(l.LastIndexOf(',') + 1)..]))
            .ToList();

    /// <summary>The first intervals that add up to exactly <paramref name="count"/> items, merged; null if no prefix does.</summary>
    public static LatencyHistogram? FirstAddingUpTo(string path, string tag, long count)
    {
        var sum = new LatencyHistogram();
        foreach (var interval in Intervals(path, tag))
        {
            if (sum.TotalCount == count)
            {
                return sum;
            }

            sum.Add(interval);
        }

        return sum.TotalCount == count ? sum : null;
    }
}
