using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>One run of a benchmark: the scenario at one sweep point, one case, one engine and variant.</summary>
public sealed record RunPoint(BenchmarkScenario Scenario, ScenarioCase Case, string Engine, string? Variant, string? SweepParameter, double? SweepValue)
{
    public string Label => $"{Engine}{(Variant is null ? string.Empty : ":" + Variant)}"
        + (Case.Name == ScenarioCase.Default.Name ? string.Empty : $" [{Case.Name}]")
        + (SweepParameter is null ? string.Empty : $" {SweepParameter}={SweepValue}");
}
