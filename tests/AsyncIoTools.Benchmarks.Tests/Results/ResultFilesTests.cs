using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Processes;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Tests.Results;

public sealed class ResultFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aiotools-results-").FullName;

    [Fact]
    public void Write_SameStartTimeTwice_NeverOverwritesTheFirst()
    {
        var result = Sample();

        var first = ResultFiles.Write(result, _directory);
        var firstContent = File.ReadAllText(first);
        var second = ResultFiles.Write(result with { CommandLine = "second" }, _directory);

        Assert.NotEqual(first, second);
        Assert.Equal(firstContent, File.ReadAllText(first));
        Assert.EndsWith("-2.json", second, StringComparison.Ordinal);
        Assert.Equal("second", ResultFiles.Read(second).CommandLine);
    }

    [Fact]
    public void Write_DestinationEndingInJson_WritesThatFileThenNumbersTheNext()
    {
        var result = Sample();
        var named = Path.Combine(_directory, "sub", "epoll-run.json");

        var first = ResultFiles.Write(result, named);
        var second = ResultFiles.Write(result with { CommandLine = "second" }, named);

        Assert.Equal(named, first);
        Assert.Equal(Path.Combine(_directory, "sub", "epoll-run-2.json"), second);
        Assert.Equal(result.CommandLine, ResultFiles.Read(first).CommandLine);
        Assert.Equal("second", ResultFiles.Read(second).CommandLine);
    }

    [Fact]
    public void Write_ExistingFolderNamedLikeAJsonFile_WritesInsideIt()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_directory, "old.json")).FullName;

        var path = ResultFiles.Write(Sample(), folder);

        Assert.Equal(folder, Path.GetDirectoryName(path));
        Assert.Matches(@"^\d{8}-\d{6}-.+\.json$", Path.GetFileName(path));
    }

    [Theory]
    [InlineData("{ \"schema\": \"aiotools.result/1\", \"startedAt\": ", "corrupt or truncated")]
    [InlineData("{ \"schema\": \"aiotools.result/99\" }", "aiotools.result/99")]
    [InlineData("[1, 2, 3]", "schema 'none'")]
    [InlineData("not json at all", "corrupt or truncated")]
    public void Read_BadFile_IsBadInputNamingTheFile(string content, string expected)
    {
        var path = Path.Combine(_directory, "bad.json");
        File.WriteAllText(path, content);

        var failure = Assert.Throws<AsyncIoToolsException>(() => ResultFiles.Read(path));

        Assert.Equal(FailureKind.BadInput, failure.Kind);
        Assert.StartsWith(path, failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_IsBadInput()
    {
        var failure = Assert.Throws<AsyncIoToolsException>(() => ResultFiles.Read(Path.Combine(_directory, "absent.json")));
        Assert.Equal(FailureKind.BadInput, failure.Kind);
    }

    [Fact]
    public void SummaryPoints_ForRun_TakesMediansAndFlagsNoisyTrials()
    {
        var run = new EngineRun
        {
            Engine = "epoll",
            Status = RunStatus.Completed,
            Connections = 10,
            Active = 10,
            Trials = [Trial(1, 100_000, 10), Trial(2, 80_000, 12), Trial(3, 120_000, 11)],
        };

        var point = SummaryPoints.ForRun(run, new BenchmarkScenario { Name = "s" });

        Assert.Equal(100_000, point.RequestsPerSecond);
        Assert.Equal(11, point.CpuMicrosPerRequest);
        Assert.Equal(3, point.Trials);
        Assert.Contains(point.Warnings, w => w.Contains("spread", StringComparison.Ordinal));
        Assert.Equal(0.4, point.Intervals!["requestsPerSecond"].RelativeSpread, 6);
    }

    [Fact]
    public void SummaryPoints_ForRun_NamesOtherProcessesAndTheHypervisorApart_EachPastTenPercent()
    {
        static TrialResult With(int index, double other, double? steal) =>
            Trial(index, 100_000, 10) with { System = new SystemMeasurement(0, other, 0, 0, 0, null) { StealCpuShare = steal, BusiestOtherProcess = other > 0.1 ? "backup" : null, BusiestOtherCpuShare = other > 0.1 ? other - 0.05 : null } };
        EngineRun Run(params TrialResult[] trials) => new() { Engine = "epoll", Status = RunStatus.Completed, Connections = 10, Active = 10, Trials = trials };
        var scenario = new BenchmarkScenario { Name = "s" };

        var busy = SummaryPoints.ForRun(Run(With(1, 0.02, 0.01), With(2, 0.30, 0.25), With(3, 0.05, null)), scenario);
        var quiet = SummaryPoints.ForRun(Run(With(1, 0.10, 0.10), With(2, 0.02, null)), scenario);

        Assert.Contains("other processes used 30 % of a CPU during trial 2 (most: backup, 25 %): the machine was not quiet", busy.Warnings);
        Assert.Contains("the hypervisor kept 25 % of a CPU from this machine during trial 2 (steal): the host was not quiet", busy.Warnings);
        Assert.DoesNotContain(quiet.Warnings, w => w.Contains("not quiet", StringComparison.Ordinal));
    }

    [Fact]
    public void SummaryPoints_ForRun_AtAConstantRate_AsksWhetherTheScheduleWasKept_NotWhetherTheLoadSpun()
    {
        static TrialResult Spinning(int index, double rate)
        {
            var trial = Trial(index, rate, 10);
            return trial with { Client = trial.Client with { LoadGeneratorCpuUtilization = 1.0 } };
        }

        EngineRun Run(double rate, string? sweep = null) =>
            new() { Engine = "epoll", Status = RunStatus.Completed, Connections = 10, Active = 10, SweepParameter = sweep, SweepValue = sweep is null ? null : 10_000, Trials = [Spinning(1, rate), Spinning(2, rate)] };
        var constant = new BenchmarkScenario { Name = "s", Rate = 10_000 };

        var kept = SummaryPoints.ForRun(Run(9_990), constant).Warnings;
        var behind = SummaryPoints.ForRun(Run(8_000), constant).Warnings;
        var sweptBehind = SummaryPoints.ForRun(Run(8_000, "rate"), new BenchmarkScenario { Name = "s" }).Warnings;
        var closed = SummaryPoints.ForRun(Run(8_000), new BenchmarkScenario { Name = "s" }).Warnings;

        Assert.Empty(kept);
        Assert.Equal(["8,000 req/s of the 10,000 asked: the run fell behind its schedule (the server or the load generator could not keep the rate; the corrected latency counts the wait)"], behind);
        Assert.Equal(behind, sweptBehind);
        Assert.Equal(["the load generator used 100 % of its CPUs: throughput may be the client's limit; compare CPU per request"], closed);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static TrialResult Trial(int index, double rate, double cpuPerRequest)
    {
        var latency = LatencySummary.From(new AsyncIoTools.Measurement.LatencyHistogram());
        var client = new ClientMeasurement(1, (long)rate, rate, latency, null, AsyncIoTools.Results.LoadErrors.None, 0, 0, 0, 10, 0, 0.5);
        var server = new ServerMeasurement(0, 0, cpuPerRequest, 0, 0, 0, 0, 1);
        var counters = new Engines.Contract.EngineCounters { Requests = (long)rate, Syscalls = new long[Engines.Contract.EngineCounters.SyscallKindCount] }.ToMeasurement();
        return new TrialResult(index, client, server, counters);
    }

    private static BenchmarkResult Sample() => new()
    {
        StartedAt = new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero),
        FinishedAt = new DateTimeOffset(2026, 11, 22, 6, 1, 0, TimeSpan.Zero),
        CommandLine = "first",
        Environment = HostEnvironment.Capture(),
        Scenario = new BenchmarkScenario { Name = "c10k" },
        Pinning = new PinningPlan(false, [0], [0], 1, 1),
        Runs = [],
        Summary = [],
    };
}
