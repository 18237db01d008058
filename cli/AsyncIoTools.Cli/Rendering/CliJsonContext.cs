using System.Text.Json.Serialization;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Cli.Rendering;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(IReadOnlyList<EngineVariantInfo>))]
[JsonSerializable(typeof(IReadOnlyList<AsyncIoTools.Benchmarks.Results.BenchmarkScenario>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
