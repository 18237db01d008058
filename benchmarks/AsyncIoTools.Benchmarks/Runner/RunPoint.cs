using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>One run of a benchmark: the scenario at one sweep point, one case, one engine and variant.</summary>
public sealed record RunPoint(BenchmarkScenario Scenario, ScenarioCase Case, string Engine, string? Variant, string? SweepParameter, double? SweepValue)
{
    public string Label => RunLabels.Of(Engine, Variant, Case.Name, SweepParameter, SweepValue);
}
