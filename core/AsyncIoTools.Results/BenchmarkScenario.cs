using System.Text.Json.Serialization;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Results;

/// <summary>
/// A named, versioned experiment: the workload, the engines it is for, an optional sweep of one parameter and
/// named cases (settings compared against each other). Scenario files under benchmarks/scenarios/ hold these;
/// every result records the scenario exactly as it ran, command-line overrides applied.
/// </summary>
public sealed record BenchmarkScenario
{
    /// <summary>The only file format version so far.</summary>
    public const int CurrentVersion = 1;

    /// <summary>A pointer to the JSON schema, for editors; ignored by the tool.</summary>
    [JsonPropertyName("$schema")]
    public string? SchemaReference { get; init; }

    public int Version { get; init; } = CurrentVersion;

    public string Name { get; init; } = "bench";

    public string? Description { get; init; }

    /// <summary>The claim of the seeds this scenario puts to the test, in a sentence.</summary>
    public string? Claim { get; init; }

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

    /// <summary>The request path (the file protocol's file is served as /file.bin).</summary>
    public string Path { get; init; } = "/";

    /// <summary>Engines to run, "engine" or "engine:variant"; null: every engine available here.</summary>
    public IReadOnlyList<string>? Engines { get; init; }

    public ScenarioSweep? Sweep { get; init; }

    /// <summary>Settings compared against each other; null: one case with the defaults.</summary>
    public IReadOnlyList<ScenarioCase>? Cases { get; init; }

    /// <summary>The server's limits (timeouts, sizes, max connections); null or a value left out: the defaults.</summary>
    public ScenarioLimits? Limits { get; init; }

    /// <summary>File protocol: the file served.</summary>
    public FileWorkload? File { get; init; }

    /// <summary>Server worker processes; 0: as many as the open-files limit requires.</summary>
    public int Workers { get; init; }

    /// <summary>Load-generator processes; 0: as many as the open-files limit requires.</summary>
    public int LoadProcesses { get; init; }

    /// <summary>Seed of everything random (file contents); recorded so a run can be repeated exactly.</summary>
    public int Seed { get; init; } = 1;

    [JsonIgnore]
    public TimeSpan Duration => TimeSpan.FromSeconds(DurationSeconds);

    [JsonIgnore]
    public TimeSpan Warmup => TimeSpan.FromSeconds(WarmupSeconds);

    [JsonIgnore]
    public int EffectiveActive => Math.Min(Active ?? Connections, Connections);
}
