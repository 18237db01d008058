using System.Text.Json.Serialization;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Cli.Rendering;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(IReadOnlyList<EngineVariantInfo>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
