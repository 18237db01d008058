using System.CommandLine;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics.Hotspots;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary><c>aiotools hotspots</c>: pending async calls per method (heap snapshot), or with --trace, timed calls.</summary>
public static class HotspotsCommand
{
    public static Command Create()
    {
        var processId = DiagnosticsOptions.ProcessId();
        var name = DiagnosticsOptions.Name();
        var top = new Option<int>("--top") { Description = "How many async methods to show.", DefaultValueFactory = _ => 20 };
        var trace = new Option<bool>("--trace") { Description = "Opt-in: trace async calls with the TPL event source for --duration (per-method timing; costs the target CPU, reported)." };
        var duration = DiagnosticsOptions.Duration(TimeSpan.FromSeconds(10));
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long the heap walk may keep the target suspended; past it the snapshot is stopped and the process continued.",
            DefaultValueFactory = _ => new HotspotsOptions().Timeout,
            CustomParser = DiagnosticsOptions.ParseDuration,
            HelpName = "duration",
        };
        var json = DiagnosticsOptions.Json();
        var command = new Command("hotspots", "Async-operation hotspots: pending async methods grouped by method, with their states and what they await.")
        {
            processId, name, top, trace, duration, timeout, json,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new HotspotsOptions
            {
                ProcessId = parseResult.GetValue(processId),
                ProcessName = parseResult.GetValue(name),
                Top = parseResult.GetValue(top),
                Trace = parseResult.GetValue(trace),
                Duration = parseResult.GetValue(duration),
                Timeout = parseResult.GetValue(timeout),
            };
            var asJson = parseResult.GetValue(json);
            if (options.Trace)
            {
                var traced = await AsyncCallTracer.RunAsync(options, cancellationToken);
                await Console.Out.WriteLineAsync(asJson ? JsonReport.Serialize(traced) : AsyncCallTraceTextRenderer.Render(traced));
                return await SessionOutcome.ExitCodeAsync(traced.End, watch: false, thresholdExceeded: false, "report", Console.Error);
            }

            var report = await AsyncHotspotScanner.ScanAsync(options, cancellationToken);
            await Console.Out.WriteLineAsync(asJson ? JsonReport.Serialize(report) : HotspotsTextRenderer.Render(report));
            return 0;
        });
        return command;
    }
}
