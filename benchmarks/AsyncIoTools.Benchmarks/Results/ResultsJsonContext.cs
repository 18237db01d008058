using System.Text.Json.Serialization;

namespace AsyncIoTools.Benchmarks.Results;

/// <summary>Serialization of every result document: camelCase, enums as strings, nulls omitted.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LoadReport))]
[JsonSerializable(typeof(BenchmarkResult))]
public sealed partial class ResultsJsonContext : JsonSerializerContext;
