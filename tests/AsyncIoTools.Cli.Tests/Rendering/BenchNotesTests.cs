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
    public void Notes_RampThatLeftTheStartUpOut_SaysHowLongItTook()
    {
        var run = Fixture.Runs[0] with { Ramp = Fixture.Runs[0].Ramp! with { SlowestProcess = TimeSpan.FromSeconds(3), LoadStartup = TimeSpan.FromSeconds(1.8) } };

        var ramp = Assert.Single(BenchRenderer.Notes(Fixture with { Runs = [run] }, null), l => l.Contains("ramp", StringComparison.Ordinal));

        Assert.True(ramp.Contains("SYN retransmits; the load processes started in 1.8 s before it)", StringComparison.Ordinal), ramp);
    }

    [Fact]
    public void Notes_RampFromBeforeStartUpWasLeftOut_SaysNothingOfIt()
    {
        var run = Fixture.Runs[0] with { Ramp = Fixture.Runs[0].Ramp! with { SlowestProcess = TimeSpan.FromSeconds(3) } };

        var ramp = Assert.Single(BenchRenderer.Notes(Fixture with { Runs = [run] }, null), l => l.Contains("ramp", StringComparison.Ordinal));

        Assert.DoesNotContain("started in", ramp, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_ResultWithoutPss_SaysOnlyTheRss()
    {
        var run = Fixture.Runs[0] with { Ramp = Fixture.Runs[0].Ramp! with { SlowestProcess = TimeSpan.FromSeconds(3) } };

        var ramp = Assert.Single(BenchRenderer.Notes(Fixture with { Runs = [run] }, null), l => l.Contains("ramp", StringComparison.Ordinal));

        Assert.DoesNotContain("PSS", ramp, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_CanceledRun_IsSaidOnceAndOtherWarningsStay()
    {
        const string reason = "canceled during trial 2 of 3; the one finished before it is kept";
        var run = Fixture.Runs[0] with { Status = RunStatus.Canceled, Reason = reason };
        var result = Fixture with
        {
            Runs = [run],
            Warnings = [$"{run.Engine}:level: {reason}", "the load average was 9.1 before the first trial"],
        };

        var notes = BenchRenderer.Notes(result, null);

        Assert.Single(notes, l => l.Contains(reason, StringComparison.Ordinal));
        Assert.Contains($"{run.Engine}: canceled: {reason}", notes);
        Assert.Contains("warning: the load average was 9.1 before the first trial", notes);
    }

    [Fact]
    public void Notes_UnchargedCpuMeasured_NameEachRunsFigureOnOneLine()
    {
        var runs = Fixture.Runs.Select((run, i) => run with { Summary = run.Summary! with { UnchargedCpuMicrosPerRequest = i == 0 ? 0.06 : 0.41 } }).ToList();

        var line = Assert.Single(BenchRenderer.Notes(Fixture with { Runs = runs }, null), l => l.StartsWith("CPU per request no process was charged for", StringComparison.Ordinal));

        Assert.EndsWith(": epoll:level 0.06µs, epoll:edge 0.41µs", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Notes_UnchargedCpuNotMeasured_SayNothingOfIt()
    {
        Assert.All(Fixture.Runs, run => Assert.Null(run.Summary!.UnchargedCpuMicrosPerRequest));
        Assert.DoesNotContain(BenchRenderer.Notes(Fixture, null), l => l.Contains("no process was charged", StringComparison.Ordinal));
    }

    private const long Mebibyte = 1024 * 1024;

    private static BenchmarkResult Fixture => JsonSerializer.Deserialize(GoldenFiles.Fixture("bench.json"), ResultsJsonContext.Default.BenchmarkResult)!;
}
