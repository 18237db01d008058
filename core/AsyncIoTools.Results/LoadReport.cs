
namespace AsyncIoTools.Results;

/// <summary>The JSON document of <c>aiotools load --json</c>.</summary>
public sealed record LoadReport
{
    public const string CurrentSchema = "aiotools.load/1";

    public string Schema { get; init; } = CurrentSchema;

    public required DateTimeOffset StartedAt { get; init; }

    public required string CommandLine { get; init; }

    public required string Target { get; init; }

    public required LoadScenario Load { get; init; }

    public required RampResult Ramp { get; init; }

    public required ClientMeasurement Measurement { get; init; }

    public required IReadOnlyList<SummaryPoint> Summary { get; init; }

    /// <summary>The load host: reports of one run from several hosts are merged by <c>aiotools report</c>, hosts listed.</summary>
    public LoadHostIdentity? Host { get; init; }
}
