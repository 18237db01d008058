using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Engines.Contract;
using Xunit;

namespace AsyncIoTools.Benchmarks.Tests.Runner;

/// <summary>What the runner plans to run, before anything starts: the plan only probes, it starts no server.</summary>
public sealed class RunPlanTests
{
    [Fact]
    public void Plan_EnginesAScenarioNamesWithoutVariant_RecordTheVariantThatRuns()
    {
        var scenario = new BenchmarkScenario { Name = "plan", Connections = 10, Engines = ["epoll", "epoll:edge", "no-such-engine"] };

        var plan = BenchmarkRunner.Plan(new BenchmarkOptions { Scenario = scenario });

        var epollDefault = EngineRegistry.Default.TryFind("epoll")!.DefaultVariant.Name;
        Assert.Equal([("epoll", epollDefault), ("epoll", "edge"), ("no-such-engine", null)], plan.Select(p => (p.Point.Engine, p.Point.Variant)));
        Assert.False(plan[2].Availability.IsAvailable);
    }
}
