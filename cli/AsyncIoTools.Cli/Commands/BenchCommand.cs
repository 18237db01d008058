using System.CommandLine;
using System.CommandLine.Parsing;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Results;

namespace AsyncIoTools.Cli.Commands;

/// <summary><c>aiotools bench</c>: run a scenario (or an ad hoc workload) over engines; write a result file.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var scenario = new Option<string?>("--scenario", "-s") { Description = "A built-in scenario (see 'aiotools scenarios') or a scenario .json file." };
        var engines = new Option<string[]>("--engine", "-e")
        {
            Description = "Engines to run, comma-separated, each optionally ENGINE:VARIANT (epoll:edge). Default: the scenario's, or every engine available here.",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
        };
        var variant = SharedOptions.Variant();
        var cases = new Option<string[]?>("--case")
        {
            Description = "Only these of the scenario's cases, comma-separated.",
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
        };
        var sweep = new Option<ScenarioSweep?>("--sweep") { Description = "Sweep one parameter: connections=100,1000,10000 (also active, rate, pipeline, messageBytes).", CustomParser = ParseSweep };
        var defaults = BenchSettings.Defaults;
        var connections = SharedOptions.Connections(defaults.Connections!.Value);
        var active = new Option<int?>("--active") { Description = "Connections that send; the rest stay open and idle. Default: all." };
        var duration = SharedOptions.Duration(defaults.Duration!.Value);
        var warmup = SharedOptions.Duration(defaults.Warmup!.Value, "--warmup");
        var trials = new Option<int>("--trials", "-n") { Description = "Measured trials per run (median and 95% CI are reported).", DefaultValueFactory = _ => defaults.Trials!.Value };
        var protocol = SharedOptions.Protocol(defaults.Protocol!.Value);
        var messageSize = SharedOptions.MessageSize(defaults.MessageBytes!.Value);
        var pipeline = new Option<int>("--pipeline") { Description = "Requests in flight per connection.", DefaultValueFactory = _ => defaults.Pipeline!.Value };
        var rate = new Option<double?>("--rate", "-R") { Description = "Constant total rate (req/s) with corrected latency; default closed loop." };
        var limits = new Option<string[]?>("--limit")
        {
            Description = $"A server limit as NAME=VALUE, e.g. headTimeout=10s or maxConnections=1000 (repeatable; names: {string.Join(", ", ScenarioLimits.Names)}).",
            AllowMultipleArgumentsPerToken = false,
        };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the result file, or the file itself when it ends in .json (-2, -3 … are added when the name is taken).", DefaultValueFactory = _ => defaults.OutputDirectory! };
        var noPin = new Option<bool>("--no-pin") { Description = "Do not pin the server and the load generator to different CPUs." };
        var interleave = new Option<bool>("--interleave") { Description = "Measure round by round: trial 1 of every engine and case, then trial 2 …, each on a server of its own, every other round backwards, so that ratios between engines are taken trial by trial (for steady-state figures: a run's memory is its first round's, its ramp the one that opened the fewest connections; with one trial the run is in turn)." };
        var loops = SharedOptions.Loops(defaults.ServerLoops);
        var childHost = EnumOptions.Create("--child-host", "What runs the server workers and load processes: jit (this build) or native (the NativeAOT host of --native-host).", defaults.ChildHost);
        var nativeHost = new Option<string>("--native-host") { Description = "The NativeAOT host for --child-host native: its executable or the folder benchmarks/scripts/publish-native.sh published it to.", DefaultValueFactory = _ => defaults.NativeHost! };
        var hlog = SharedOptions.Hlog("The interval log (.hlog) of every run and trial; default: beside the result file, with .hlog for .json.");

        var command = new Command("bench", "Benchmark server engines on a scenario under our load generator: pinned, warmed up, several trials; writes a result JSON.")
        {
            scenario, engines, variant, cases, sweep, connections, active, duration, warmup, trials, protocol, messageSize, pipeline, rate, limits, output, noPin, interleave, loops, childHost, nativeHost, hlog,
        };
        command.SetAction(RenderedCommand.Tables, async (parseResult, renderer, cancellationToken) =>
        {
            // A flag given on the command line overrides the scenario; one left out keeps the scenario's value.
            T? IfGiven<T>(Option<T> option) where T : struct => parseResult.GetResult(option) is { Implicit: false } ? parseResult.GetValue(option) : null;
            var request = new BenchmarkRequest
            {
                Scenario = parseResult.GetValue(scenario),
                Engines = parseResult.GetValue(engines) ?? [],
                Variant = parseResult.GetValue(variant),
                Cases = parseResult.GetValue(cases),
                Sweep = parseResult.GetValue(sweep),
                Connections = IfGiven(connections),
                Active = parseResult.GetValue(active),
                Duration = IfGiven(duration),
                Warmup = IfGiven(warmup),
                Trials = IfGiven(trials),
                Protocol = IfGiven(protocol),
                MessageBytes = IfGiven(messageSize),
                Pipeline = IfGiven(pipeline),
                Rate = parseResult.GetValue(rate),
                Limits = parseResult.GetValue(limits),
                OutputDirectory = parseResult.GetValue(output),
                Pin = !parseResult.GetValue(noPin),
                Interleave = parseResult.GetValue(interleave),
                ServerLoops = parseResult.GetValue(loops),
                ChildHost = parseResult.GetValue(childHost),
                NativeHost = parseResult.GetValue(nativeHost),
            };
            var options = request.Bind();
            var hlogPath = parseResult.GetValue(hlog);
            IntervalLogs.CheckWritable(hlogPath);
            var result = await BenchmarkRunner.RunAsync(options, renderer.ForPeople ? new ProgressPrinter(Console.Error) : null, cancellationToken);
            var path = options.OutputDirectory is { } directory ? ResultFiles.Write(result, directory) : null;
            if ((hlogPath ?? (path is null ? null : IntervalLogs.Beside(path))) is { } logPath)
            {
                IntervalLogs.WriteBench(result, logPath);
            }

            renderer.Document(result, BenchViews.Result(path));
            if (result.Runs.Any(r => r.Status == RunStatus.Canceled))
            {
                // Stopped by Ctrl+C or SIGTERM: what was measured is in the file, and the exit code says it is partial.
                await Console.Error.WriteLineAsync(path is null ? "aiotools: canceled" : $"aiotools: canceled; the partial result is in {path}");
                return (int)ExitCode.Canceled;
            }

            return result.Runs.Any(r => r.Status == RunStatus.Failed) ? (int)ExitCode.RunFailed : (int)ExitCode.Success;
        });
        return command;
    }

    private static ScenarioSweep? ParseSweep(ArgumentResult result)
    {
        if (ScenarioSweep.TryParse(result.Tokens.Count > 0 ? result.Tokens[0].Value : null, out var sweep, out var error))
        {
            return sweep;
        }

        result.AddError(error);
        return null;
    }
}
