using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Engines.Tests.Conformance;
using AsyncIoTools.Failures;
using AsyncIoTools.Results;

namespace AsyncIoTools.Engines.Tests.Runner;

/// <summary>A benchmark that asks select for more connections than FD_SETSIZE leaves room for stops before it runs.</summary>
public sealed class DescriptorCeilingCheckTests
{
    [Fact]
    public async Task Bench_SelectAskedForMoreThanItsRoom_StopsBeforeTheRunNamingTheLimit()
    {
        var options = new BenchmarkOptions
        {
            Engines = [new EngineSelection("select")],
            Scenario = new BenchmarkScenario { Connections = 1000, DurationSeconds = 1, WarmupSeconds = 0, Trials = 1 },
            Pin = false,
            Launch = EngineCase.Launch(),
        };

        var failure = await Assert.ThrowsAsync<AsyncIoToolsException>(() => BenchmarkRunner.RunAsync(options, progress: null, CancellationToken.None));

        // An idle server already holds dozens of descriptors, so 1,000 do not fit under 1,024.
        Assert.Equal(FailureKind.LimitTooLow, failure.Kind);
        Assert.Contains("FD_SETSIZE (1024)", failure.Message, StringComparison.Ordinal);
        Assert.Contains("poll", failure.Message, StringComparison.Ordinal);
        Assert.Contains("epoll", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', failure.Message);
    }

    [Fact]
    public void Explain_ServerHoldingSixtyOne_LeavesRoomForTheRest()
    {
        var message = DescriptorCeilingCheck.Explain("select", 1024, 61, 2000);

        Assert.Contains("cannot hold 2000 connections", message, StringComparison.Ordinal);
        Assert.Contains("already holds 61, leaving room for 963", message, StringComparison.Ordinal);
        Assert.Contains("use 963 connections or fewer", message, StringComparison.Ordinal);
    }
}
