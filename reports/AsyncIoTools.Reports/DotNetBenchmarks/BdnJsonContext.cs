using System.Text.Json.Serialization;

namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>BenchmarkDotNet writes PascalCase names; unknown members (Measurements, Metrics …) are ignored.</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(BdnReport))]
internal sealed partial class BdnJsonContext : JsonSerializerContext;
