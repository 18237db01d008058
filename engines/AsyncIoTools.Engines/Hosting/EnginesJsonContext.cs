using System.Text.Json.Serialization;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Hosting;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = false)]
[JsonSerializable(typeof(EngineCounters))]
[JsonSerializable(typeof(EngineVariantInfo))]
[JsonSerializable(typeof(IReadOnlyList<EngineVariantInfo>))]
internal sealed partial class EnginesJsonContext : JsonSerializerContext;
