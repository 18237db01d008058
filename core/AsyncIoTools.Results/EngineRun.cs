
namespace AsyncIoTools.Results;

/// <summary>One engine (and variant) at one scenario point: everything measured, and its summary.</summary>
public sealed record EngineRun
{
    public required string Engine { get; init; }

    public string? Variant { get; init; }

    /// <summary>
    /// The scenario case (a named set of settings) this run used. A file from before cases has none, which the
    /// serializer sets as null over the initializer: that run used the default case.
    /// </summary>
    public string Case
    {
        get => string.IsNullOrWhiteSpace(field) ? ScenarioCase.Default.Name : field;
        init;
    }

    /// <summary>The swept parameter and its value at this run, when the scenario sweeps one.</summary>
    public string? SweepParameter { get; init; }

    public double? SweepValue { get; init; }

    public required RunStatus Status { get; init; }

    public string? Reason { get; init; }

    public int Connections { get; init; }

    public int Active { get; init; }

    /// <summary>The command that started the server, to run it by hand.</summary>
    public string? ServerCommand { get; init; }

    public RampResult? Ramp { get; init; }

    public MemoryMeasurement? Memory { get; init; }

    public IReadOnlyList<TrialResult> Trials { get; init; } = [];

    /// <summary>A canceled run's trial that was being measured when it stopped (not in <see cref="Trials"/>).</summary>
    public int? CanceledTrial { get; init; }

    /// <summary>The server's descriptors and threads before the load and after it left.</summary>
    public ServerResources? Resources { get; init; }

    /// <summary>What the slow clients met, when the case had some (slowloris).</summary>
    public SlowClientReport? SlowClients { get; init; }

    public SummaryPoint? Summary { get; init; }
}
