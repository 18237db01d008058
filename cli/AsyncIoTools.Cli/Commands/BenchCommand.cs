using System.CommandLine;
using System.Text.Json;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering;

namespace AsyncIoTools.Cli.Commands;

/// <summary><c>aiotools bench</c>: run server engines under our load, pinned, with trials; write a result file.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var engines = new Option<string[]>("--engine", "-e")
        {
            Description = "Engines to run, comma-separated, each optionally ENGINE:VARIANT (epoll:edge). Default: every engine available here.",
            AllowMultipleArgumentsPerToken = true,
            CustomParser = r => r.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
        };
        var variant = SharedOptions.Variant();
        var connections = SharedOptions.Connections(10_000);
        var active = new Option<int?>("--active") { Description = "Connections that send; the rest stay open and idle. Default: all." };
        var duration = SharedOptions.Duration(TimeSpan.FromSeconds(5));
        var warmup = SharedOptions.Duration(TimeSpan.FromSeconds(2), "--warmup");
        var trials = new Option<int>("--trials", "-n") { Description = "Measured trials per engine (median and 95% CI are reported).", DefaultValueFactory = _ => 3 };
        var protocol = SharedOptions.Protocol();
        var messageSize = SharedOptions.MessageSize();
        var pipeline = new Option<int>("--pipeline") { Description = "Requests in flight per connection.", DefaultValueFactory = _ => 1 };
        var rate = new Option<double?>("--rate", "-R") { Description = "Constant total rate (req/s) with corrected latency; default closed loop." };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the result file.", DefaultValueFactory = _ => "results" };
        var noPin = new Option<bool>("--no-pin") { Description = "Do not pin the server and the load generator to different CPUs." };
        var loops = SharedOptions.Loops();
        var json = SharedOptions.Json();

        var command = new Command("bench", "Benchmark server engines under our load generator: pinned, warmed up, several trials; writes a result JSON.")
        {
            engines, variant, connections, active, duration, warmup, trials, protocol, messageSize, pipeline, rate, output, noPin, loops, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var selected = (parseResult.GetValue(engines) ?? []).Select(EngineSelection.Parse).ToList();
            if (parseResult.GetValue(variant) is { } v)
            {
                selected = selected.Select(s => s.Variant is null ? s with { Variant = v } : s).ToList();
            }

            var count = parseResult.GetValue(connections);
            var options = new BenchmarkOptions
            {
                Engines = selected,
                Scenario = new BenchmarkScenario
                {
                    Name = "bench",
                    Description = "ad hoc run from the command line",
                    Protocol = parseResult.GetValue(protocol),
                    Connections = count,
                    Active = parseResult.GetValue(active),
                    DurationSeconds = parseResult.GetValue(duration).TotalSeconds,
                    WarmupSeconds = parseResult.GetValue(warmup).TotalSeconds,
                    Trials = parseResult.GetValue(trials),
                    Rate = parseResult.GetValue(rate),
                    Pipeline = parseResult.GetValue(pipeline),
                    MessageBytes = parseResult.GetValue(messageSize),
                },
                OutputDirectory = parseResult.GetValue(output),
                Pin = !parseResult.GetValue(noPin),
                ServerLoops = parseResult.GetValue(loops),
            };
            var asJson = parseResult.GetValue(json);
            var result = await BenchmarkRunner.RunAsync(options, asJson ? null : new ProgressPrinter(Console.Error), cancellationToken);
            var path = options.OutputDirectory is { } directory ? ResultFiles.Write(result, directory) : null;
            if (asJson)
            {
                await Console.Out.WriteLineAsync(JsonSerializer.Serialize(result, ResultsJsonContext.Default.BenchmarkResult));
            }
            else
            {
                await Console.Out.WriteAsync(BenchRenderer.Render(result, path));
            }

            return result.Runs.Any(r => r.Status == RunStatus.Failed) ? (int)ExitCode.RunFailed : (int)ExitCode.Success;
        });
        return command;
    }
}
