namespace AsyncIoTools.Benchmarks.Results;

/// <summary>One parameter taken through several values; every point is run and kept.</summary>
public sealed record ScenarioSweep(string Parameter, IReadOnlyList<double> Values)
{
    /// <summary>Parameters a sweep may vary, by their name in scenario files and on the command line.</summary>
    public static readonly IReadOnlyList<string> Parameters = ["connections", "active", "rate", "pipeline", "messageBytes"];

    /// <summary>The scenario at one point of the sweep.</summary>
    public BenchmarkScenario Apply(BenchmarkScenario scenario, double value)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return Parameter switch
        {
            "connections" => scenario with { Connections = (int)value },
            "active" => scenario with { Active = (int)value },
            "rate" => scenario with { Rate = value },
            "pipeline" => scenario with { Pipeline = (int)value },
            "messageBytes" => scenario with { MessageBytes = (int)value },
            _ => throw new InvalidOperationException($"cannot sweep '{Parameter}'"),
        };
    }
}
