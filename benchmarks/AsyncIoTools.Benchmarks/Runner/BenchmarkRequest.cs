using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Failures;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// A benchmark as a person asks for it: a scenario (a built-in name, a file, or none for an ad hoc run) and the
/// values given explicitly. The CLI's <c>bench</c> and <c>Invoke-C10kBenchmark</c> both fill one and call
/// <see cref="Bind"/>, so a value given overrides the scenario's and one left out keeps it, the same way in both.
/// Null means "not given".
/// </summary>
public sealed record BenchmarkRequest
{
    /// <summary>A built-in scenario name or a scenario .json file; null: an ad hoc run with the defaults.</summary>
    public string? Scenario { get; init; }

    /// <summary>Engines, each "engine" or "engine:variant"; an item may hold several separated by commas.</summary>
    public IReadOnlyList<string> Engines { get; init; } = [];

    /// <summary>The variant for every engine named without one.</summary>
    public string? Variant { get; init; }

    public IReadOnlyList<string>? Cases { get; init; }

    public ScenarioSweep? Sweep { get; init; }

    public int? Connections { get; init; }

    public int? Active { get; init; }

    public TimeSpan? Duration { get; init; }

    public TimeSpan? Warmup { get; init; }

    public int? Trials { get; init; }

    public ProtocolKind? Protocol { get; init; }

    public int? MessageBytes { get; init; }

    public int? Pipeline { get; init; }

    public double? Rate { get; init; }

    /// <summary>Server limits as <c>NAME=VALUE</c> (headTimeout=10s, maxConnections=1000); each overrides the scenario's.</summary>
    public IReadOnlyList<string>? Limits { get; init; }

    /// <summary>Folder for the result file, or its name when it ends in .json (<see cref="BenchSettings.DefaultOutputDirectory"/> in both faces unless told otherwise); null writes none.</summary>
    public string? OutputDirectory { get; init; }

    public bool Pin { get; init; } = true;

    /// <summary>Trial 1 of every engine and case, then trial 2 …, each on a server of its own (<see cref="BenchmarkOptions.Interleave"/>).</summary>
    public bool Interleave { get; init; }

    public int ServerLoops { get; init; }

    /// <summary>What runs the server workers and load shards: the JIT build, or the NativeAOT host at <see cref="NativeHost"/>.</summary>
    public ChildHost ChildHost { get; init; }

    /// <summary>The NativeAOT host's executable or publish folder, for <see cref="ChildHost.Native"/> (relative to the current folder).</summary>
    public string? NativeHost { get; init; }

    /// <summary>How to start aiotools for the server; null: find it next to this process.</summary>
    public ServerLaunch? Launch { get; init; }

    /// <summary>The command line recorded in the result, so it says how to repeat the run.</summary>
    public string CommandLine { get; init; } = Environment.CommandLine;

    /// <summary>The scenario with the given values applied, checked, and the engines parsed.</summary>
    public BenchmarkOptions Bind()
    {
        BenchSettings.Table.Validate(this);
        var scenario = Scenario is { } name
            ? ScenarioCatalog.Load(name)
            : new BenchmarkScenario { Name = "bench", Description = "ad hoc run from the command line" };
        scenario = scenario with
        {
            Connections = Connections ?? scenario.Connections,
            Active = Active ?? scenario.Active,
            DurationSeconds = Duration?.TotalSeconds ?? scenario.DurationSeconds,
            WarmupSeconds = Warmup?.TotalSeconds ?? scenario.WarmupSeconds,
            Trials = Trials ?? scenario.Trials,
            Protocol = Protocol ?? scenario.Protocol,
            MessageBytes = MessageBytes ?? scenario.MessageBytes,
            Pipeline = Pipeline ?? scenario.Pipeline,
            Rate = Rate ?? scenario.Rate,
            Sweep = Sweep ?? scenario.Sweep,
            Limits = Limits is { Count: > 0 } given ? (scenario.Limits ?? new ScenarioLimits()).With(ScenarioLimits.Parse(given)) : scenario.Limits,
        };
        if (ScenarioValidator.FindProblem(scenario) is { } problem)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"scenario {scenario.Name} with these options: {problem}");
        }

        var engines = Engines
            .SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Select(EngineSelection.Parse)
            .Select(s => s.Variant is null && Variant is not null ? s with { Variant = Variant } : s)
            .ToList();
        return new BenchmarkOptions
        {
            Engines = engines,
            Scenario = scenario,
            Cases = Cases?.SelectMany(c => c.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
            OutputDirectory = OutputDirectory,
            Pin = Pin,
            Interleave = Interleave,
            ServerLoops = ServerLoops,
            ChildHost = ChildHost,
            Launch = ChildHost == ChildHost.Native ? NativeHostLaunch.Locate(NativeHost ?? BenchSettings.DefaultNativeHost) : Launch,
            CommandLine = CommandLine,
        };
    }
}
