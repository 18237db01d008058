using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Tests.Runner;

/// <summary>Idle connections held past the server's head timeout are closed by it as slowloris clients.</summary>
public sealed class IdleHoldTests
{
    [Fact]
    public void C100kIdle_AsTheCatalogueHasIt_HoldsItsIdleConnectionsWithinTheHeadTimeout()
    {
        Assert.Null(IdleHold.Warning(Point(ScenarioCatalog.Load("c100k-idle")), interleaved: false));
    }

    [Fact]
    public void C100kIdle_AtTheDefaultHeadTimeout_IsWarnedOf()
    {
        var scenario = ScenarioCatalog.Load("c100k-idle") with { Limits = null };

        var warning = IdleHold.Warning(Point(scenario), interleaved: false);

        Assert.NotNull(warning);
        Assert.Contains("99,000 idle connections are held at least 32 s, not less than the server's head timeout (30 s)", warning, StringComparison.Ordinal);
        Assert.Contains("--limit headTimeout=", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void Interleaved_EachTrialOnItsOwnConnections_HoldsThemOneTrialLong()
    {
        var scenario = ScenarioCatalog.Load("c100k-idle") with { Limits = null };

        Assert.Null(IdleHold.Warning(Point(scenario), interleaved: true));
    }

    [Fact]
    public void AllActive_HasNoIdleConnectionsToLose()
    {
        var scenario = ScenarioCatalog.Load("c100k") with { Trials = 10, Limits = null };

        Assert.Null(IdleHold.Warning(Point(scenario), interleaved: false));
    }

    [Fact]
    public void EveryCatalogueScenario_HoldsItsIdleConnectionsWithinItsHeadTimeout()
    {
        var warned = ScenarioCatalog.BuiltIn
            .Select(s => IdleHold.Warning(Point(s), interleaved: false))
            .OfType<string>()
            .ToList();

        Assert.Empty(warned);
    }

    private static RunPoint Point(BenchmarkScenario scenario) => new(scenario, ScenarioCase.Default, "epoll", null, null, null);
}
