using System.Text.Json.Serialization;

namespace AsyncIoTools.Results;

/// <summary>Serialization of every result document (and the scenario catalogue): camelCase, enums as strings, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoadReport))]
[JsonSerializable(typeof(BenchmarkResult))]
[JsonSerializable(typeof(RampResult))]
[JsonSerializable(typeof(ClientMeasurement))]
[JsonSerializable(typeof(IntervalMeasurement))]
[JsonSerializable(typeof(IReadOnlyList<BenchmarkScenario>))]
public sealed partial class ResultsJsonContext : JsonSerializerContext
{
    // Lazy: static initializers of the generated half of this class may run after ours.
    private static readonly Lazy<ResultsJsonContext> CompactContext = new(CreateCompact);

    /// <summary>The same contract on one line, for the control channels between processes.</summary>
    public static ResultsJsonContext Compact => CompactContext.Value;

    private static ResultsJsonContext CreateCompact()
    {
        var options = new System.Text.Json.JsonSerializerOptions(Default.Options) { WriteIndented = false };
        return new ResultsJsonContext(options);
    }
}
