using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Failures;
using AsyncIoTools.Settings;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// The settings of <c>bench</c> (<c>Invoke-C10kBenchmark</c>). A request holds only what was given (null: the
/// scenario's value); <see cref="Defaults"/> shows what an ad hoc run gets, read from <see cref="BenchmarkScenario"/>'s
/// own defaults, so help in both faces says what a run does.
/// </summary>
public static class BenchSettings
{
    public const int MaxConnections = 1_000_000;

    public const int MaxTrials = 100;

    public const int MaxMessageBytes = 64 << 20;

    /// <summary>The folder result files go to unless told otherwise (both faces; relative to the current folder).</summary>
    public const string DefaultOutputDirectory = "results";

    /// <summary>Where benchmarks/scripts/publish-native.sh puts the NativeAOT host unless told otherwise (relative to the current folder).</summary>
    public const string DefaultNativeHost = "artifacts/native";

    public static BenchmarkRequest Defaults { get; } = Resolve(new BenchmarkScenario());

    public static SettingTable<BenchmarkRequest> Table { get; } = new(
        Defaults,
        [
            new(Setting.Scenario, nameof(BenchmarkRequest.Scenario), o => o.Scenario),
            new(Setting.Engine, nameof(BenchmarkRequest.Engines), o => o.Engines),
            new(Setting.Variant, nameof(BenchmarkRequest.Variant), o => o.Variant),
            new(Setting.Case, nameof(BenchmarkRequest.Cases), o => o.Cases),
            new(Setting.Sweep, nameof(BenchmarkRequest.Sweep), o => o.Sweep),
            new(Setting.Connections, nameof(BenchmarkRequest.Connections), o => o.Connections) { Minimum = 1, Maximum = MaxConnections },
            new(Setting.Active, nameof(BenchmarkRequest.Active), o => o.Active) { Minimum = 0 },
            new(Setting.Duration, nameof(BenchmarkRequest.Duration), o => o.Duration),
            new(Setting.Warmup, nameof(BenchmarkRequest.Warmup), o => o.Warmup),
            new(Setting.Trials, nameof(BenchmarkRequest.Trials), o => o.Trials) { Minimum = 1, Maximum = MaxTrials },
            new(Setting.Protocol, nameof(BenchmarkRequest.Protocol), o => o.Protocol),
            new(Setting.MessageSize, nameof(BenchmarkRequest.MessageBytes), o => o.MessageBytes) { Minimum = 1, Maximum = MaxMessageBytes },
            new(Setting.Pipeline, nameof(BenchmarkRequest.Pipeline), o => o.Pipeline) { Minimum = 1 },
            new(Setting.Rate, nameof(BenchmarkRequest.Rate), o => o.Rate) { Minimum = LoadSettings.MinRate },
            new(Setting.Limit, nameof(BenchmarkRequest.Limits), o => o.Limits),
            new(Setting.Out, nameof(BenchmarkRequest.OutputDirectory), o => o.OutputDirectory),
            new(Setting.NoPin, nameof(BenchmarkRequest.Pin), o => !o.Pin),
            new(Setting.Interleave, nameof(BenchmarkRequest.Interleave), o => o.Interleave),
            new(Setting.Loops, nameof(BenchmarkRequest.ServerLoops), o => o.ServerLoops) { Minimum = 0, Maximum = ServeSettings.MaxLoops },
            new(Setting.ChildHost, nameof(BenchmarkRequest.ChildHost), o => o.ChildHost),
            new(Setting.NativeHost, nameof(BenchmarkRequest.NativeHost), o => o.NativeHost),
        ],
        new Dictionary<string, string>
        {
            [nameof(BenchmarkRequest.Launch)] = "How to start aiotools for the server: the module points it at its own copy; the CLI finds itself.",
            [nameof(BenchmarkRequest.CommandLine)] = "Recorded in the result as how to repeat the run: each face fills in what its user typed.",
        });

    /// <summary>A request that gives every value <paramref name="scenario"/> holds.</summary>
    private static BenchmarkRequest Resolve(BenchmarkScenario scenario) => new()
    {
        Connections = scenario.Connections,
        Active = scenario.Active,
        Duration = scenario.Duration,
        Warmup = scenario.Warmup,
        Trials = scenario.Trials,
        Protocol = scenario.Protocol,
        MessageBytes = scenario.MessageBytes,
        Pipeline = scenario.Pipeline,
        Rate = scenario.Rate,
        OutputDirectory = DefaultOutputDirectory,
        NativeHost = DefaultNativeHost,
    };
}
