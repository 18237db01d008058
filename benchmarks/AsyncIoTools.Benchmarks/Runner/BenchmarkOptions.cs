using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>A benchmark to run; the CLI's <c>bench</c> and the <c>Invoke-C10kBenchmark</c> cmdlet both bind into this.</summary>
public sealed record BenchmarkOptions
{
    /// <summary>Engines to run, in order; empty: the scenario's, or every engine available here in its default variant.</summary>
    public IReadOnlyList<EngineSelection> Engines { get; init; } = [];

    /// <summary>Only these of the scenario's cases; null: all of them.</summary>
    public IReadOnlyList<string>? Cases { get; init; }

    public BenchmarkScenario Scenario { get; init; } = new();

    /// <summary>Folder to write the result file into; null writes none.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Pin server and load generator to different CPUs (when there are two or more).</summary>
    public bool Pin { get; init; } = true;

    /// <summary>
    /// Measure round by round (trial 1 of every engine and case, then trial 2 …), each trial on a server of its own,
    /// so that engines' ratios are taken trial by trial; off: each engine's trials back to back on one server.
    /// </summary>
    public bool Interleave { get; init; }

    /// <summary>Whether the trials run round by round: asked for, and more than one trial to interleave.</summary>
    public bool Interleaved => Interleave && Scenario.Trials > 1;

    /// <summary>How many servers each run starts: one per trial when interleaved, else one.</summary>
    public int ServersPerRun => Interleaved ? Scenario.Trials : 1;

    /// <summary>Server loop threads; 0: one per server CPU.</summary>
    public int ServerLoops { get; init; }

    /// <summary>What <see cref="Launch"/> starts, recorded in the result: the JIT build or the NativeAOT host.</summary>
    public ChildHost ChildHost { get; init; }

    /// <summary>How to start aiotools for the server; null: find it (<see cref="ServerLaunch.Locate"/>).</summary>
    public ServerLaunch? Launch { get; init; }

    /// <summary>The command line to record, so the result says how to repeat it.</summary>
    public string CommandLine { get; init; } = Environment.CommandLine;
}
