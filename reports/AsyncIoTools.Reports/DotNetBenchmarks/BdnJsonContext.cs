using System.Text.Json.Serialization;

namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>BenchmarkDotNet writes PascalCase names; unknown members (Measurements, Metrics …) are ignored; numbers it has none for are empty strings (see <see cref="BdnNumberConverter"/>).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, Converters = [typeof(BdnNumberConverter)])]
[JsonSerializable(typeof(BdnReport))]
internal sealed partial class BdnJsonContext : JsonSerializerContext;
