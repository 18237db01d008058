using System.Text.Json.Serialization;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Hosting;

/// <summary>
/// The engines' JSON: the engine list <c>aiotools engines</c> prints, and the counters a server worker sends its
/// runner (<see cref="Compact"/>, one line each). camelCase, enums as strings, nulls omitted.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EngineCounters))]
[JsonSerializable(typeof(EngineVariantInfo))]
[JsonSerializable(typeof(IReadOnlyList<EngineVariantInfo>))]
public sealed partial class EnginesJsonContext : JsonSerializerContext
{
    // Lazy: static initializers of the generated half of this class may run after ours.
    private static readonly Lazy<EnginesJsonContext> CompactContext = new(CreateCompact);

    /// <summary>The same contract on one line, for the control channel between a runner and its server.</summary>
    public static EnginesJsonContext Compact => CompactContext.Value;

    private static EnginesJsonContext CreateCompact()
    {
        var options = new System.Text.Json.JsonSerializerOptions(Default.Options) { WriteIndented = false };
        return new EnginesJsonContext(options);
    }
}
