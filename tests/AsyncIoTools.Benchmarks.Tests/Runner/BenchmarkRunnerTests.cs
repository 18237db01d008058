using AsyncIoTools.Processes;
using System.Text.Json;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Tests.Runner;

public sealed class BenchmarkRunnerTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aiotools-runner-").FullName;

    private static BenchmarkScenario Small => new()
    {
        Name = "small",
        Connections = 20,
        DurationSeconds = 0.5,
        WarmupSeconds = 0.2,
        Trials = 2,
    };

    [Fact]
    public async Task RunAsync_Epoll_WritesAResultWithEveryFigureOfTheContract()
    {
        var progress = new List<BenchmarkProgress>();
        var result = await BenchmarkRunner.RunAsync(
            new BenchmarkOptions { Engines = [new EngineSelection("epoll")], Scenario = Small, Pin = false, CommandLine = "aiotools bench (test)" },
            new SynchronousProgress<BenchmarkProgress>(progress.Add),
            CancellationToken.None);
        var path = ResultFiles.Write(result, _directory);

        var run = Assert.Single(result.Runs);
        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(2, run.Trials.Count);
        Assert.Equal(20, run.Ramp!.Connected);
        Assert.All(run.Trials, t => Assert.Equal(0, t.Client.Errors.Total));
        Assert.All(run.Trials, t => Assert.True(t.Counters.SyscallsPerRequest >= 2, "a request costs at least its read and its write"));
        Assert.Contains(progress, p => p.Phase == BenchmarkPhase.Measuring && p.Trial == 2);

        var point = Assert.Single(result.Summary);
        Assert.Equal(("epoll", "level", "small"), (point.Engine, point.Variant, point.Scenario));
        Assert.True(point.RequestsPerSecond > 0);
        Assert.True(point.CpuMicrosPerRequest > 0);
        Assert.NotNull(point.RssBytesPerConnection);
        Assert.InRange(run.Memory!.IdlePssBytes!.Value, 1, run.Memory.IdleRssBytes);
        Assert.NotNull(run.Memory.PssBytesPerConnection);

        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var root = document.RootElement;
        Assert.Equal(BenchmarkResult.CurrentSchema, root.GetProperty("schema").GetString());
        foreach (var key in new[] { "kernel", "cpuModel", "logicalCpus", "dotnet", "openFilesHard", "sysctls" })
        {
            Assert.True(root.GetProperty("environment").TryGetProperty(key, out _), $"environment.{key}");
        }

        var summary = root.GetProperty("summary")[0];
        foreach (var key in new[] { "engine", "variant", "scenario", "connections", "active", "requestsPerSecond", "p50Micros", "p90Micros", "p99Micros", "p999Micros", "maxMicros", "cpuMicrosPerRequest", "syscallsPerRequest", "rssBytesPerConnection", "errors" })
        {
            Assert.True(summary.TryGetProperty(key, out _), $"summary[0].{key}");
        }

        var trial = root.GetProperty("runs")[0].GetProperty("trials")[0];
        foreach (var (part, key) in new[] { ("server", "cpuUserMicros"), ("server", "cpuSystemMicros"), ("server", "rssBytes"), ("server", "peakRssBytes"), ("server", "voluntaryContextSwitches"), ("counters", "syscalls"), ("client", "latency") })
        {
            Assert.True(trial.GetProperty(part).TryGetProperty(key, out _), $"trials[0].{part}.{key}");
        }

        Assert.Equal("aiotools bench (test)", root.GetProperty("commandLine").GetString());
        Assert.Equal(result.Summary[0].RequestsPerSecond, ResultFiles.Read(path).Summary[0].RequestsPerSecond);
    }

    [Fact]
    public async Task RunAsync_Pinned_RecordsThePlanAndRestoresTheAffinityAfterwards()
    {
        var before = CpuAffinity.OfCurrentThread();
        var scenario = Small with { Trials = 1, WarmupSeconds = 0 };

        var result = await BenchmarkRunner.RunAsync(new BenchmarkOptions { Engines = [new EngineSelection("epoll", "edge")], Scenario = scenario, Pin = true }, null, CancellationToken.None);

        Assert.Equal(before, CpuAffinity.OfCurrentThread());
        if (before.Count >= 2)
        {
            Assert.True(result.Pinning.Pinned);
            Assert.Empty(result.Pinning.ServerCpus.Intersect(result.Pinning.LoadCpus));
            Assert.Contains("--cpus", result.Runs[0].ServerCommand, StringComparison.Ordinal);
        }

        Assert.Equal(RunStatus.Completed, result.Runs[0].Status);
    }

    [Fact]
    public async Task RunAsync_UnknownEngine_FailsBeforeStartingAnything()
    {
        var failure = await Assert.ThrowsAsync<AsyncIoToolsException>(() =>
            BenchmarkRunner.RunAsync(new BenchmarkOptions { Engines = [new EngineSelection("kqueue")], Scenario = Small, Pin = false }, null, CancellationToken.None));

        Assert.Equal(FailureKind.Usage, failure.Kind);
    }

    [Fact]
    public async Task RunAsync_CanceledDuringTheSecondTrial_KeepsTheFirstAndNamesTheSecond()
    {
        using var cancellation = new CancellationTokenSource();
        var scenario = Small with { Trials = 3 };
        var progress = new SynchronousProgress<BenchmarkProgress>(p =>
        {
            if (p.Phase == BenchmarkPhase.Measuring && p.Trial == 2)
            {
                cancellation.Cancel();
            }
        });

        var result = await BenchmarkRunner.RunAsync(
            new BenchmarkOptions { Engines = [new EngineSelection("epoll"), new EngineSelection("poll")], Scenario = scenario, Pin = false },
            progress,
            cancellation.Token);
        var path = ResultFiles.Write(result, _directory);

        // The canceled run is the last one: poll, planned after it, never started.
        var run = Assert.Single(result.Runs);
        Assert.Equal(RunStatus.Canceled, run.Status);
        Assert.Equal(1, Assert.Single(run.Trials).Index);
        Assert.Equal(2, run.CanceledTrial);
        Assert.Equal("canceled during trial 2 of 3; the one finished before it is kept", run.Reason);
        Assert.Equal(20, run.Ramp!.Connected);
        Assert.Contains(result.Warnings, w => w.EndsWith(run.Reason!, StringComparison.Ordinal));
        Assert.Equal(RunStatus.Canceled, Assert.Single(ResultFiles.Read(path).Runs).Status);
    }

    [Fact]
    public async Task RunAsync_IdleConnectionsHeldAsLongAsTheServersHeadTimeout_WarnsAndNamesALimitThatHoldsThem()
    {
        // 8 of 10 connections never send: to an HTTP server they are clients that never sent a head.
        var scenario = Small with { Connections = 10, Active = 2, WarmupSeconds = 0, DurationSeconds = 1.2, Trials = 1, Limits = new ScenarioLimits { HeadTimeoutSeconds = 1 } };

        var result = await BenchmarkRunner.RunAsync(
            new BenchmarkOptions { Engines = [new EngineSelection("epoll")], Scenario = scenario, Pin = false },
            progress: null,
            CancellationToken.None);

        Assert.Equal(RunStatus.Completed, Assert.Single(result.Runs).Status);
        var warning = Assert.Single(result.Warnings, w => w.Contains("idle connections were held", StringComparison.Ordinal));
        Assert.StartsWith("epoll:level: 8 idle connections", warning, StringComparison.Ordinal);
        Assert.Contains("the server limit headTimeout=", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_Interleaved_MeasuresRoundByRoundEachTrialOnAServerOfItsOwn_EveryOtherRoundBackwards()
    {
        var progress = new List<BenchmarkProgress>();
        var result = await BenchmarkRunner.RunAsync(
            new BenchmarkOptions { Engines = [new EngineSelection("epoll"), new EngineSelection("poll")], Scenario = Small, Pin = false, Interleave = true },
            new SynchronousProgress<BenchmarkProgress>(progress.Add),
            CancellationToken.None);
        var path = ResultFiles.Write(result, _directory);

        Assert.True(result.Interleaved);
        Assert.Equal(
            [("epoll:level", 1), ("poll:level", 1), ("poll:level", 2), ("epoll:level", 2)],
            progress.Where(p => p.Phase == BenchmarkPhase.Measuring).Select(p => (p.Engine, p.Trial)).ToArray());
        Assert.Equal(4, progress.Count(p => p.Phase == BenchmarkPhase.StartingServer));
        Assert.All(result.Runs, run =>
        {
            Assert.Equal(RunStatus.Completed, run.Status);
            Assert.Equal([1, 2], run.Trials.Select(t => t.Index));
            Assert.Equal(20, run.Ramp!.Connected);
            Assert.All(run.Trials, t => Assert.True(t.Counters.Requests > 0, "every trial served requests"));
        });
        Assert.Equal(["epoll", "poll"], result.Summary.Select(p => p.Engine));
        Assert.All(result.Summary, p => Assert.Equal(2, p.Trials));
        Assert.True(ResultFiles.Read(path).Interleaved);
    }

    [Fact]
    public async Task RunAsync_InterleavedCanceledDuringTheLastRound_KeepsEveryFinishedTrialAndCompletesNoRun()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new SynchronousProgress<BenchmarkProgress>(p =>
        {
            // Round 3 runs forwards again: epoll's trial 3 is its first, poll's has not begun.
            if (p is { Phase: BenchmarkPhase.Measuring, Engine: "epoll:level", Trial: 3 })
            {
                cancellation.Cancel();
            }
        });

        var result = await BenchmarkRunner.RunAsync(
            new BenchmarkOptions { Engines = [new EngineSelection("epoll"), new EngineSelection("poll")], Scenario = Small with { Trials = 3 }, Pin = false, Interleave = true },
            progress,
            cancellation.Token);

        var (epoll, poll) = (result.Runs[0], result.Runs[1]);
        Assert.Equal((RunStatus.Canceled, "canceled during trial 3 of 3; the 2 finished before it are kept", 3), (epoll.Status, epoll.Reason, epoll.CanceledTrial));
        Assert.Equal([1, 2], epoll.Trials.Select(t => t.Index));
        Assert.Equal((RunStatus.Canceled, "canceled before trial 3 of 3; the 2 finished before it are kept", (int?)null), (poll.Status, poll.Reason, poll.CanceledTrial));
        Assert.Equal([1, 2], poll.Trials.Select(t => t.Index));
        Assert.Equal(20, epoll.Ramp!.Connected);
        Assert.Empty(result.Summary);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
