using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering;

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
        var connections = SharedOptions.Connections(10_000);
        var active = new Option<int?>("--active") { Description = "Connections that send; the rest stay open and idle. Default: all." };
        var duration = SharedOptions.Duration(TimeSpan.FromSeconds(5));
        var warmup = SharedOptions.Duration(TimeSpan.FromSeconds(2), "--warmup");
        var trials = new Option<int>("--trials", "-n") { Description = "Measured trials per run (median and 95% CI are reported).", DefaultValueFactory = _ => 3 };
        var protocol = SharedOptions.Protocol();
        var messageSize = SharedOptions.MessageSize();
        var pipeline = new Option<int>("--pipeline") { Description = "Requests in flight per connection.", DefaultValueFactory = _ => 1 };
        var rate = new Option<double?>("--rate", "-R") { Description = "Constant total rate (req/s) with corrected latency; default closed loop." };
        var output = new Option<string>("--out", "-o") { Description = "Folder for the result file.", DefaultValueFactory = _ => "results" };
        var noPin = new Option<bool>("--no-pin") { Description = "Do not pin the server and the load generator to different CPUs." };
        var loops = SharedOptions.Loops();
        var json = SharedOptions.Json();

        var command = new Command("bench", "Benchmark server engines on a scenario under our load generator: pinned, warmed up, several trials; writes a result JSON.")
        {
            scenario, engines, variant, cases, sweep, connections, active, duration, warmup, trials, protocol, messageSize, pipeline, rate, output, noPin, loops, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var chosen = parseResult.GetValue(scenario) is { } name
                ? ScenarioCatalog.Load(name)
                : new BenchmarkScenario { Name = "bench", Description = "ad hoc run from the command line" };

            // A flag given on the command line overrides the scenario; one left out keeps the scenario's value.
            bool Given(Option option) => parseResult.GetResult(option) is { Implicit: false };
            chosen = chosen with
            {
                Connections = Given(connections) || parseResult.GetValue(scenario) is null ? parseResult.GetValue(connections) : chosen.Connections,
                Active = Given(active) ? parseResult.GetValue(active) : chosen.Active,
                DurationSeconds = Given(duration) || parseResult.GetValue(scenario) is null ? parseResult.GetValue(duration).TotalSeconds : chosen.DurationSeconds,
                WarmupSeconds = Given(warmup) || parseResult.GetValue(scenario) is null ? parseResult.GetValue(warmup).TotalSeconds : chosen.WarmupSeconds,
                Trials = Given(trials) || parseResult.GetValue(scenario) is null ? parseResult.GetValue(trials) : chosen.Trials,
                Protocol = Given(protocol) ? parseResult.GetValue(protocol) : chosen.Protocol,
                MessageBytes = Given(messageSize) ? parseResult.GetValue(messageSize) : chosen.MessageBytes,
                Pipeline = Given(pipeline) ? parseResult.GetValue(pipeline) : chosen.Pipeline,
                Rate = Given(rate) ? parseResult.GetValue(rate) : chosen.Rate,
                Sweep = Given(sweep) ? parseResult.GetValue(sweep) : chosen.Sweep,
            };
            if (ScenarioValidator.FindProblem(chosen) is { } problem)
            {
                throw new Failures.AsyncIoToolsException(Failures.FailureKind.Usage, $"scenario {chosen.Name} with these options: {problem}");
            }

            var selected = (parseResult.GetValue(engines) ?? []).Select(EngineSelection.Parse).ToList();
            if (parseResult.GetValue(variant) is { } v)
            {
                selected = selected.Select(s => s.Variant is null ? s with { Variant = v } : s).ToList();
            }

            var options = new BenchmarkOptions
            {
                Engines = selected,
                Scenario = chosen,
                Cases = parseResult.GetValue(cases),
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

    private static ScenarioSweep? ParseSweep(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var parameter = equals > 0 ? text[..equals].Trim() : string.Empty;
        parameter = parameter == "message-size" ? "messageBytes" : parameter;
        var values = new List<double>();
        if (equals > 0)
        {
            foreach (var part in text[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    values.Clear();
                    break;
                }

                values.Add(value);
            }
        }

        if (!ScenarioSweep.Parameters.Contains(parameter) || values.Count == 0)
        {
            result.AddError($"'{text}' is not a sweep; use PARAMETER=V1,V2,… with PARAMETER one of {string.Join(", ", ScenarioSweep.Parameters)}");
            return null;
        }

        return new ScenarioSweep(parameter, values);
    }
}
