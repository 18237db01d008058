using System.Management.Automation;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Arguments;
using AsyncIoTools.PowerShell.Completion;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Loading;
using AsyncIoTools.PowerShell.Output;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary>
/// <c>Invoke-C10kBenchmark</c> (<c>aiotools bench</c>): a scenario, or an ad hoc workload, over engines, each server in
/// a child aiotools process pinned apart from the load generator; warm-up, trials; one point object per engine
/// and scenario point, and one result file under -OutputPath (results by default). Ctrl+C stops the run, its server and load processes.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "C10kBenchmark")]
[OutputType(typeof(BenchmarkPoint))]
public sealed class InvokeC10kBenchmarkCommand : AsyncIoToolsCmdlet
{
    /// <summary>Engines to run, each optionally ENGINE:VARIANT (epoll:edge). Default: the scenario's, or every engine available here.</summary>
    [Parameter(Position = 0)]
    [ArgumentCompleter(typeof(EngineSelectionCompleter))]
    public string[] Engine { get; set; } = [];

    /// <summary>A built-in scenario (see Get-BenchmarkScenario) or a scenario .json file.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(ScenarioCompleter))]
    public string? Scenario { get; set; }

    [Parameter]
    [ArgumentCompleter(typeof(VariantCompleter))]
    public string? Variant { get; set; }

    /// <summary>Only these of the scenario's cases.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(CaseCompleter))]
    public string[]? Case { get; set; }

    /// <summary>Sweep one parameter: connections=100,1000,10000 (also active, rate, pipeline, messageBytes).</summary>
    [Parameter]
    [SweepTransformation]
    public ScenarioSweep? Sweep { get; set; }

    [Parameter]
    [ValidateRange(1, BenchSettings.MaxConnections)]
    public int Connections { get; set; } = BenchSettings.Defaults.Connections!.Value;

    /// <summary>Connections that send; the rest stay open and idle. Default: all.</summary>
    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int Active { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Duration { get; set; } = BenchSettings.Defaults.Duration!.Value;

    [Parameter]
    [DurationTransformation]
    public TimeSpan Warmup { get; set; } = BenchSettings.Defaults.Warmup!.Value;

    [Parameter]
    [ValidateRange(1, BenchSettings.MaxTrials)]
    public int Trials { get; set; } = BenchSettings.Defaults.Trials!.Value;

    [Parameter]
    public ProtocolKind Protocol { get; set; } = BenchSettings.Defaults.Protocol!.Value;

    [Parameter]
    [ValidateRange(1, BenchSettings.MaxMessageBytes)]
    public int MessageSize { get; set; } = BenchSettings.Defaults.MessageBytes!.Value;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Pipeline { get; set; } = BenchSettings.Defaults.Pipeline!.Value;

    /// <summary>Constant total rate (requests/s) with corrected latency; default closed loop.</summary>
    [Parameter]
    [ValidateRange(LoadSettings.MinRate, double.MaxValue)]
    public double Rate { get; set; }

    /// <summary>Server limits as NAME=VALUE (headTimeout=10s, maxConnections=1000), each overriding the scenario's.</summary>
    [Parameter]
    public string[]? Limit { get; set; }

    /// <summary>Folder to write the result file into, or the file itself when it ends in .json (relative to the current location); results by default.</summary>
    [Parameter]
    [Alias("Out")]
    public string OutputPath { get; set; } = BenchSettings.Defaults.OutputDirectory!;

    /// <summary>The interval log (.hlog) of every run and trial; default: beside the result file, with .hlog for .json.</summary>
    [Parameter]
    [Alias("Hlog")]
    public string? HlogPath { get; set; }

    [Parameter]
    public SwitchParameter NoPin { get; set; }

    /// <summary>Measure round by round: trial 1 of every engine and case, then trial 2 …, each on a server of its own, every other round backwards, so that ratios between engines are taken trial by trial (for steady-state figures: a run's memory is its first round's, its ramp the one that opened the fewest connections; with one trial the run is in turn).</summary>
    [Parameter]
    public SwitchParameter Interleave { get; set; }

    /// <summary>Server loop threads; 0 = one per server CPU.</summary>
    [Parameter]
    [ValidateRange(0, ServeSettings.MaxLoops)]
    public int Loops { get; set; } = BenchSettings.Defaults.ServerLoops;

    /// <summary>What runs the server workers and load processes: Jit (this build) or Native (the NativeAOT host of -NativeHost).</summary>
    [Parameter]
    public ChildHost ChildHost { get; set; } = BenchSettings.Defaults.ChildHost;

    /// <summary>The NativeAOT host for -ChildHost Native: its executable or the folder benchmarks/scripts/publish-native.sh published it to.</summary>
    [Parameter]
    public string NativeHost { get; set; } = BenchSettings.Defaults.NativeHost!;

    protected override void ProcessRecord()
    {
        var request = new BenchmarkRequest
        {
            Scenario = Scenario is { } name && (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || name.Contains('/', StringComparison.Ordinal)) ? FileSystemPath(name) : Scenario,
            Engines = Engine,
            Variant = Variant,
            Cases = Case,
            Sweep = Sweep,
            Connections = IfBound(nameof(Connections), Connections),
            Active = IfBound(nameof(Active), Active),
            Duration = IfBound(nameof(Duration), Duration),
            Warmup = IfBound(nameof(Warmup), Warmup),
            Trials = IfBound(nameof(Trials), Trials),
            Protocol = IfBound(nameof(Protocol), Protocol),
            MessageBytes = IfBound(nameof(MessageSize), MessageSize),
            Pipeline = IfBound(nameof(Pipeline), Pipeline),
            Rate = IfBound(nameof(Rate), Rate),
            Limits = Limit,
            OutputDirectory = FileSystemPath(OutputPath),
            Pin = !NoPin,
            Interleave = Interleave,
            ServerLoops = Loops,
            ChildHost = ChildHost,
            NativeHost = FileSystemPath(NativeHost),
            CommandLine = MyInvocation.Line,
        };
        var status = "planning";
        var result = Run(
            async (dispatcher, cancellationToken) =>
            {
                var options = request.Bind();
                options = options with { Launch = options.Launch ?? ModuleFolders.ServerLaunch() };
                var servers = Math.Max(1, BenchmarkRunner.Plan(options).Count(p => p.Availability.IsAvailable) * options.ServersPerRun);
                var started = 0;
                var progress = dispatcher.Progress<BenchmarkProgress>(p =>
                {
                    started += p.Phase == BenchmarkPhase.StartingServer ? 1 : 0;
                    status = Describe(p);
                    ShowProgress(status, p.Phase == BenchmarkPhase.Done ? 100 : (started - 1) * 100 / servers);
                });
                var result = await BenchmarkRunner.RunAsync(options, progress, cancellationToken);
                var path = options.OutputDirectory is { } directory ? ResultFiles.Write(result, directory) : null;
                if ((HlogPath is { } hlog ? FileSystemPath(hlog) : path is null ? null : IntervalLogs.Beside(path)) is { } log)
                {
                    IntervalLogs.WriteBench(result, log);
                }

                // Stopped: the partial result is written (as the CLI writes it), and the pipeline stops as it did.
                cancellationToken.ThrowIfCancellationRequested();
                return (result, path);
            },
            Scenario ?? string.Join(",", Engine),
            out var succeeded,
            () => ShowProgress(status));
        CompleteProgress();
        if (!succeeded)
        {
            return;
        }

        if (result.path is { } written)
        {
            WriteVerbose($"result written to {written}");
        }

        var benchmark = result.result;
        WriteObject(benchmark.Summary.Select(p => new BenchmarkPoint(p, benchmark, result.path)), enumerateCollection: true);
        foreach (var run in benchmark.Runs.Where(r => r.Status == RunStatus.Failed))
        {
            Fail(FailureKind.RunFailed, $"{RunLabels.Of(run)} failed: {run.Reason}", benchmark);
        }

        // One warning per engine, case and reason: an engine this machine lacks is unavailable at every point of a sweep alike.
        foreach (var runs in benchmark.Runs.Where(r => r.Status == RunStatus.Unavailable).GroupBy(r => (r.Engine, r.Variant, r.Case, r.Reason)))
        {
            var label = runs.Count() == 1 ? RunLabels.Of(runs.First()) : RunLabels.Of(runs.Key.Engine, runs.Key.Variant, runs.Key.Case, null, null);
            WriteWarning($"{label} did not run: {runs.Key.Reason}");
        }

        foreach (var warning in benchmark.Warnings.Where(w => !benchmark.Runs.Any(r => r.Status == RunStatus.Failed && w.EndsWith(r.Reason ?? "\0", StringComparison.Ordinal))))
        {
            WriteWarning(warning);
        }
    }

    private static string Describe(BenchmarkProgress progress) => progress.Phase switch
    {
        BenchmarkPhase.StartingServer => $"{progress.Engine}: starting the server",
        BenchmarkPhase.Connecting => $"{progress.Engine}: opening {progress.Detail}",
        BenchmarkPhase.WarmingUp => $"{progress.Engine}: warming up",
        BenchmarkPhase.Measuring => $"{progress.Engine}: trial {progress.Trial}/{progress.Trials}",
        BenchmarkPhase.Stopping => $"{progress.Engine}: stopping",
        _ => "done",
    };
}
