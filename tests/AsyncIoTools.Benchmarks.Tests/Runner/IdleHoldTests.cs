using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Tests.Runner;

/// <summary>Idle connections held as long as the server's timeout for them are closed by it mid-run.</summary>
public sealed class IdleHoldTests
{
    private static readonly TimeSpan Ramp = TimeSpan.FromSeconds(4);

    [Fact]
    public void C100kIdle_AsTheCatalogueHasIt_HoldsItsIdleConnectionsWithinTheHeadTimeout()
    {
        Assert.Null(IdleHold.Warning(Point(ScenarioCatalog.Load("c100k-idle")), interleaved: false, Ramp));
    }

    [Fact]
    public void C100kIdle_AtTheDefaultHeadTimeout_IsWarnedOfWithATimeoutThatWouldHold()
    {
        var scenario = ScenarioCatalog.Load("c100k-idle") with { Limits = null };

        var warning = IdleHold.Warning(Point(scenario), interleaved: false, Ramp);

        Assert.NotNull(warning);
        Assert.Contains("99,000 idle connections were held 36 s, at least as long as the server's headTimeout (30 s)", warning, StringComparison.Ordinal);
        Assert.EndsWith("the server limit headTimeout=72s", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void HeldExactlyTheTimeout_IsWarnedOf()
    {
        var scenario = ScenarioCatalog.Load("c100k-idle") with { Limits = null, WarmupSeconds = 0, Trials = 3, DurationSeconds = 10 };

        Assert.NotNull(IdleHold.Warning(Point(scenario), interleaved: false, TimeSpan.Zero));
        Assert.Null(IdleHold.Warning(Point(scenario with { DurationSeconds = 9.9 }), interleaved: false, TimeSpan.Zero));
    }

    [Fact]
    public void TheRamp_CountsInTheHold()
    {
        var scenario = ScenarioCatalog.Load("c100k-idle") with { Limits = null, WarmupSeconds = 0, Trials = 1, DurationSeconds = 26 };

        Assert.Null(IdleHold.Warning(Point(scenario), interleaved: false, TimeSpan.Zero));
        Assert.NotNull(IdleHold.Warning(Point(scenario), interleaved: false, Ramp));
    }

    [Fact]
    public void Interleaved_EachTrialOnItsOwnConnections_HoldsThemOneTrialLong()
    {
        var scenario = ScenarioCatalog.Load("c100k-idle") with { Limits = null };

        Assert.Null(IdleHold.Warning(Point(scenario), interleaved: true, Ramp));
    }

    [Fact]
    public void Echo_IdleBetweenMessages_IsHeldToTheKeepAliveTimeout()
    {
        var echo = ScenarioCatalog.Load("c100k-idle") with { Protocol = ProtocolKind.Echo, Limits = null };

        Assert.Null(IdleHold.Warning(Point(echo), interleaved: false, Ramp));
        var warning = IdleHold.Warning(Point(echo with { Trials = 13 }), interleaved: false, Ramp);
        Assert.Contains("the server's keepAliveTimeout (130 s)", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void AllActive_HasNoIdleConnectionsToLose()
    {
        var scenario = ScenarioCatalog.Load("c100k") with { Trials = 10, Limits = null };

        Assert.Null(IdleHold.Warning(Point(scenario), interleaved: false, Ramp));
    }

    [Fact]
    public void EveryCatalogueScenario_HoldsItsIdleConnectionsWithinItsTimeout()
    {
        var warned = ScenarioCatalog.BuiltIn
            .Select(s => IdleHold.Warning(Point(s), interleaved: false, Ramp))
            .OfType<string>()
            .ToList();

        Assert.Empty(warned);
    }

    [Fact]
    public void Warnings_OnlyForPointsThatRan_WithTheirOwnRamp()
    {
        var scenario = ScenarioCatalog.Load("c100k-idle") with { Limits = null, WarmupSeconds = 0, Trials = 1, DurationSeconds = 26 };
        var ran = Point(scenario);
        var unavailable = ran with { Engine = "io_uring" };
        var runs = new[]
        {
            new EngineRun { Engine = "epoll", Status = RunStatus.Completed, Ramp = new RampResult(100_000, 100_000, Ramp, 0, 1, 1) },
            new EngineRun { Engine = "io_uring", Status = RunStatus.Unavailable },
        };

        var warning = Assert.Single(IdleHold.Warnings([ran, unavailable], runs, interleaved: false));

        Assert.StartsWith("epoll: 99,000 idle connections were held 30 s", warning, StringComparison.Ordinal);
    }

    private static RunPoint Point(BenchmarkScenario scenario) => new(scenario, ScenarioCase.Default, "epoll", null, null, null);
}
