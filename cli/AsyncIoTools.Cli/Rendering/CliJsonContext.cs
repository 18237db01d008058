using System.Text.Json.Serialization;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Results;

namespace AsyncIoTools.Cli.Rendering;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<EngineVariantInfo>))]
[JsonSerializable(typeof(IReadOnlyList<AsyncIoTools.Results.BenchmarkScenario>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
