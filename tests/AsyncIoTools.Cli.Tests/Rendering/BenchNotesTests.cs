using System.Text.Json;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Results;

namespace AsyncIoTools.Cli.Tests.Rendering;

public sealed class BenchNotesTests
{
    [Fact]
    public void Notes_RunOverSeveralLoadProcesses_GivesTheServersPssBesideItsRss()
    {
        var run = Fixture.Runs[0] with
        {
            Ramp = Fixture.Runs[0].Ramp! with { SlowestProcess = TimeSpan.FromSeconds(3), LoadRssBytes = 100 * Mebibyte },
            Memory = Fixture.Runs[0].Memory! with { IdleRssBytes = 300 * Mebibyte, IdlePssBytes = 90 * Mebibyte },
        };

        var ramp = Assert.Single(BenchRenderer.Notes(Fixture with { Runs = [run] }, null), l => l.Contains("ramp", StringComparison.Ordinal));

        Assert.True(ramp.Contains("server RSS 300 MiB before connections (PSS 90.0 MiB: pages the workers share counted once), 160 B per connection", StringComparison.Ordinal), ramp);
    }

    [Fact]
    public void Notes_ResultWithoutPss_SaysOnlyTheRss()
    {
        var run = Fixture.Runs[0] with { Ramp = Fixture.Runs[0].Ramp! with { SlowestProcess = TimeSpan.FromSeconds(3) } };

        var ramp = Assert.Single(BenchRenderer.Notes(Fixture with { Runs = [run] }, null), l => l.Contains("ramp", StringComparison.Ordinal));

        Assert.DoesNotContain("PSS", ramp, StringComparison.Ordinal);
    }

    private const long Mebibyte = 1024 * 1024;

    private static BenchmarkResult Fixture => JsonSerializer.Deserialize(GoldenFiles.Fixture("bench.json"), ResultsJsonContext.Default.BenchmarkResult)!;
}
