using System.Text.Json.Serialization;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Benchmarks.Results;

/// <summary>The workload of a benchmark, exactly as run: recorded whole in every result.</summary>
public sealed record BenchmarkScenario
{
    public string Name { get; init; } = "c10k";

    public string? Description { get; init; }

    public ProtocolKind Protocol { get; init; } = ProtocolKind.Http;

    public int Connections { get; init; } = 10_000;

    /// <summary>Connections that send; null: all.</summary>
    public int? Active { get; init; }

    public double DurationSeconds { get; init; } = 5;

    public double WarmupSeconds { get; init; } = 2;

    public int Trials { get; init; } = 3;

    public double? Rate { get; init; }

    public int Pipeline { get; init; } = 1;

    public int MessageBytes { get; init; } = 64;

    public int RequestsPerConnection { get; init; }

    [JsonIgnore]
    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);

    [JsonIgnore]
    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);

    [JsonIgnore]
    public int EffectiveActive => Math.Min(Active ?? Connections, Connections);
}
