using System.Text.Json;
using AsyncIoTools.Tests.Hdr;
using Xunit.Abstractions;

namespace AsyncIoTools.Diagnostics.Tests.Fleet;

/// <summary>The lag interval log, read by an independent reader (hdr-histogram-js), against the JSON summary.</summary>
[Collection(LiveTargets.Name)]
public sealed class LagLogTests(ITestOutputHelper output)
{
    [Fact]
    public void LagLog_ReadByHdrHistogramJs_HasTheJsonsCountMaxAndPercentiles()
    {
        using var target = TargetApp.StartLagTarget("steady-lag");
        var hlog = Path.Combine(Directory.CreateTempSubdirectory("aiotools-laglog-").FullName, "lag.hlog");

        var result = Aiotools.Run("lag", "-p", target.ProcessIdArgument, "-d", "4s", "--json", "--hlog", hlog);

        Assert.True(result.ExitCode == 0, result.ToString());
        var summary = JsonDocument.Parse(result.Output).RootElement.GetProperty("summary");
        var read = HdrHistogramJs.Summarize(hlog);
        var tag = read.GetProperty("tags").GetProperty($"pid-{target.ProcessId}");
        output.WriteLine($"reader {read.GetProperty("reader")}: {tag}");
        output.WriteLine($"json summary: {summary}");
        Assert.True(summary.GetProperty("items").GetInt64() > 100);
        Assert.Equal(summary.GetProperty("items").GetInt64(), tag.GetProperty("count").GetInt64());
        Assert.True(HdrHistogramJs.SameBucket(tag.GetProperty("max"), summary.GetProperty("maxMicros").GetInt64()), "max");
        Assert.True(HdrHistogramJs.SameBucket(tag.GetProperty("p50"), summary.GetProperty("p50Micros").GetInt64()), "p50");
        Assert.True(HdrHistogramJs.SameBucket(tag.GetProperty("p99"), summary.GetProperty("p99Micros").GetInt64()), "p99");
        Assert.True(HdrHistogramJs.SameBucket(tag.GetProperty("p999"), summary.GetProperty("p999Micros").GetInt64()), "p99.9");
        Assert.Equal(summary.GetProperty("maxMicros").GetInt64(), tag.GetProperty("intervalMaxMs").GetDouble() * 1000, 1.0);
    }
}
