using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Failures;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Tests.Runner;

public sealed class RunPlanTests
{
    [Fact]
    public void Plan_SweepTimesCasesTimesEngines_InThatOrder()
    {
        var scenario = ScenarioCatalog.Load("nagle") with { Sweep = new ScenarioSweep("connections", [10, 20]) };

        var plan = BenchmarkRunner.Plan(new BenchmarkOptions { Scenario = scenario, Engines = [new EngineSelection("epoll"), new EngineSelection("poll")] });

        Assert.Equal(2 * 2 * 2, plan.Count);
        Assert.Equal(
            ["10 nodelay-off epoll", "10 nodelay-off poll", "10 nodelay-on epoll", "10 nodelay-on poll", "20 nodelay-off epoll", "20 nodelay-off poll", "20 nodelay-on epoll", "20 nodelay-on poll"],
            plan.Select(p => $"{p.Point.Scenario.Connections} {p.Point.Case.Name} {p.Point.Engine}"));
        Assert.All(plan, p => Assert.Equal("connections", p.Point.SweepParameter));
    }

    [Fact]
    public void Plan_CaseFilter_KeepsOnlyTheNamedCasesAndRejectsUnknownOnes()
    {
        var options = new BenchmarkOptions { Scenario = ScenarioCatalog.Load("cork"), Engines = [new EngineSelection("epoll")], Cases = ["split-corked"] };

        Assert.Equal(["split-corked"], BenchmarkRunner.Plan(options).Select(p => p.Point.Case.Name));
        var failure = Assert.Throws<AsyncIoToolsException>(() => BenchmarkRunner.Plan(options with { Cases = ["corked"] }));
        Assert.Equal(FailureKind.Usage, failure.Kind);
        Assert.Contains("one-write, split, split-corked", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_ScenarioEngineNotInThisBuild_IsListedUnavailableWithTheReason()
    {
        var scenario = new BenchmarkScenario { Name = "x", Engines = ["epoll", "kqueue"] };

        var plan = BenchmarkRunner.Plan(new BenchmarkOptions { Scenario = scenario });

        Assert.True(plan.Single(p => p.Point.Engine == "epoll").Availability.IsAvailable);
        var missing = plan.Single(p => p.Point.Engine == "kqueue").Availability;
        Assert.False(missing.IsAvailable);
        Assert.Contains("not in this build", missing.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_EnginesAScenarioNamesWithoutVariant_RecordTheVariantThatRuns()
    {
        var scenario = new BenchmarkScenario { Name = "plan", Connections = 10, Engines = ["epoll", "epoll:edge", "kqueue"] };

        var plan = BenchmarkRunner.Plan(new BenchmarkOptions { Scenario = scenario });

        var epollDefault = Engines.Contract.EngineRegistry.Default.TryFind("epoll")!.DefaultVariant.Name;
        Assert.Equal([("epoll", epollDefault), ("epoll", "edge"), ("kqueue", null)], plan.Select(p => (p.Point.Engine, p.Point.Variant)));
    }

    [Fact]
    public void Plan_FileTransferTheEngineLacks_IsUnavailableNotAFailure()
    {
        var scenario = ScenarioCatalog.Load("file-1m") with { Engines = ["dotnet"] };

        var plan = BenchmarkRunner.Plan(new BenchmarkOptions { Scenario = scenario });

        Assert.Contains(plan, p => !p.Availability.IsAvailable && p.Availability.Reason!.Contains("does not send files", StringComparison.Ordinal));
    }

    /// <summary>A 64 MiB body on a busy machine may take longer than the 5 s that suits a plaintext answer: it is not cut off.</summary>
    [Fact]
    public void LoadOptions_FileScenario_WaitsLongerForAResponseThanPlaintext()
    {
        var file = BenchmarkRunner.Plan(new BenchmarkOptions { Scenario = ScenarioCatalog.Load("file-64m") })[0].Point;
        var plain = BenchmarkRunner.Plan(new BenchmarkOptions { Scenario = ScenarioCatalog.Load("c10k") })[0].Point;
        var target = new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 8080);

        Assert.Equal(CaseSettings.FileResponseTimeout, CaseSettings.Load(file, target, 1).Timeout);
        Assert.Equal(TimeSpan.FromSeconds(5), CaseSettings.Load(plain, target, 1).Timeout);
        Assert.True(CaseSettings.FileResponseTimeout > TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Preflight_ConnectionsBeyondOneProcess_WithWorkersFixedAtOne_NamesTheLimitAndTheFix()
    {
        var scenario = new BenchmarkScenario { Name = "too-many", Connections = 50_000, Workers = 1, LoadProcesses = 1 };

        var failure = Assert.Throws<AsyncIoToolsException>(() => Preflight.Enforce(scenario));

        Assert.Equal(FailureKind.LimitTooLow, failure.Kind);
        Assert.Contains("RLIMIT_NOFILE", failure.Message, StringComparison.Ordinal);
        Assert.Contains("\"workers\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Preflight_AutomaticWorkers_FitTheLimit()
    {
        var checks = Preflight.Check(new BenchmarkScenario { Name = "many", Connections = 50_000 });

        Assert.True(checks.Single(c => c.Name.StartsWith("open files", StringComparison.Ordinal)).Passed);
        Assert.True(CapacityPlan.For(50_000).Workers >= 3);
    }

    [Fact]
    public void Preflight_FastOpenCase_ChecksTheSysctlBothWays()
    {
        var check = Preflight.Check(ScenarioCatalog.Load("tfo")).Single(c => c.Name.StartsWith("net.ipv4.tcp_fastopen", StringComparison.Ordinal));
        var mode = int.Parse(Processes.HostEnvironment.ReadSysctl("net.ipv4.tcp_fastopen")!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal((mode & 3) == 3, check.Passed);
        Assert.Equal("sysctl -w net.ipv4.tcp_fastopen=3", check.Fix);
    }

    [Fact]
    public void Preflight_NetdevBacklog_IsReadAndOnlyAdvises()
    {
        var check = Preflight.Check(new BenchmarkScenario { Name = "many", Connections = 50_000 }).Single(c => c.Name == "net.core.netdev_max_backlog");
        var backlog = int.Parse(Processes.HostEnvironment.ReadSysctl("net.core.netdev_max_backlog")!, System.Globalization.CultureInfo.InvariantCulture);

        Assert.True(check.Advisory);
        Assert.Equal(backlog >= 50_000, check.Passed);
        Assert.Equal("sysctl -w net.core.netdev_max_backlog=65536", check.Fix);
    }

    [Fact]
    public void Preflight_FileScenarioOnTheMachinesControl_AdvisesAgainstBbr_OthersAreNotAsked()
    {
        var control = Processes.HostEnvironment.ReadSysctl("net.ipv4.tcp_congestion_control")!;
        var onDefault = ScenarioCatalog.Load("file-64m") with { Cases = [ScenarioCase.Default with { Transfer = FileTransfer.Sendfile }] };

        var check = Preflight.Check(onDefault).Single(c => c.Name == "net.ipv4.tcp_congestion_control");

        Assert.True(check.Advisory);
        Assert.Equal(control, check.Actual);
        Assert.Equal(control != "bbr", check.Passed);
        Assert.Equal("sysctl -w net.ipv4.tcp_congestion_control=cubic, or \"congestionControl\": \"cubic\" in the scenario's cases", check.Fix);
        Assert.DoesNotContain(Preflight.Check(ScenarioCatalog.Load("c10k")), c => c.Name == "net.ipv4.tcp_congestion_control");
    }

    [Fact]
    public void Preflight_FileScenarioNamingItsControl_IsNotAdvisedButItsControlIsChecked()
    {
        var checks = Preflight.Check(ScenarioCatalog.Load("file-64m"));

        Assert.DoesNotContain(checks, c => c.Name == "net.ipv4.tcp_congestion_control");
        // Loaded in this kernel (else the check would name tcp_available_congestion_control), and ours to choose.
        var named = Assert.Single(checks, c => c.Name.StartsWith("TCP congestion control", StringComparison.Ordinal));
        Assert.Equal("TCP congestion control cubic (net.ipv4.tcp_allowed_congestion_control)", named.Name);
        Assert.True(named.Passed, named.Actual);
        Assert.False(named.Advisory);
    }

    [Fact]
    public void Preflight_ACaseNamingAControlThisKernelLacks_StopsTheRunNamingWhatItHas()
    {
        var scenario = ScenarioCatalog.Load("file-64m") with { Cases = [new ScenarioCase { Name = "missing", CongestionControl = "nosuchcc" }] };

        var failure = Assert.Throws<AsyncIoToolsException>(() => Preflight.Enforce(scenario));

        Assert.Equal(FailureKind.LimitTooLow, failure.Kind);
        var available = Processes.HostEnvironment.ReadSysctl("net.ipv4.tcp_available_congestion_control")!;
        Assert.Equal(
            $"file-64m needs TCP congestion control nosuchcc (net.ipv4.tcp_available_congestion_control) of nosuchcc, but it is {available}; fix: modprobe tcp_nosuchcc, or name one of the available ones",
            failure.Message);
    }

    [Fact]
    public void Preflight_Warnings_SayWhatBbrDoesToAFileRun()
    {
        PreflightCheck[] checks = [new("net.ipv4.tcp_congestion_control", "cubic (not bbr)", "bbr", false, "sysctl -w net.ipv4.tcp_congestion_control=cubic", Advisory: true)];

        var warning = Assert.Single(Preflight.Warnings(checks));
        Assert.StartsWith("preflight: net.ipv4.tcp_congestion_control is bbr: BBR paces bulk transfers over loopback", warning, StringComparison.Ordinal);
        Assert.EndsWith("(fix: sysctl -w net.ipv4.tcp_congestion_control=cubic)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Preflight_Warnings_NameEachAdvisoryShortfallAndNothingElse()
    {
        PreflightCheck[] checks =
        [
            new("net.core.netdev_max_backlog", "10,000", "1,000", false, "sysctl -w net.core.netdev_max_backlog=65536", Advisory: true),
            new("net.core.somaxconn", "1,024", "4,096", true, "sysctl -w net.core.somaxconn=4096"),
            new("available memory", "1 GiB", "2 GiB", true, Advisory: true),
        ];

        var warning = Assert.Single(Preflight.Warnings(checks));
        Assert.Equal("preflight: net.core.netdev_max_backlog is 1,000, below 10,000: the run may lose packets (fix: sysctl -w net.core.netdev_max_backlog=65536)", warning);
    }
}
