using System.Text.Json.Serialization;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Results;

/// <summary>
/// One result file: what ran, where, with which command, every trial's raw figures, and the summary. The
/// <see cref="Schema"/> names the version; readers refuse versions they do not know.
/// </summary>
public sealed record BenchmarkResult
{
    public const string CurrentSchema = "aiotools.result/1";

    public string Schema { get; init; } = CurrentSchema;

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required string CommandLine { get; init; }

    public required HostEnvironment Environment { get; init; }

    public required BenchmarkScenario Scenario { get; init; }

    public required PinningPlan Pinning { get; init; }

    /// <summary>What ran the server workers and load shards: "jit" or "native" (the NativeAOT host); null in files from before it was recorded.</summary>
    public string? ChildHost { get; init; }

    /// <summary>The executable that <see cref="ChildHost"/> started.</summary>
    public string? ChildHostPath { get; init; }

    /// <summary>The limits checked before the run, with what it needed.</summary>
    public IReadOnlyList<PreflightCheck> Preflight { get; init; } = [];

    /// <summary>
    /// The trials were measured round by round (trial 1 of every run, then trial 2 …), each on a server of its own:
    /// runs' trials of one number are minutes apart at most, and reports divide runs' figures trial by trial.
    /// Written only when true, so files of runs in turn read and write as they always did.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool Interleaved { get; init; }

    public required IReadOnlyList<EngineRun> Runs { get; init; }

    public required IReadOnlyList<SummaryPoint> Summary { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];
}
