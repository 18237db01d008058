using System.CommandLine;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Diagnostics.Hotspots;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary><c>aiotools hotspots</c>: pending async calls per method (heap snapshot), or with --trace, timed calls.</summary>
public static class HotspotsCommand
{
    public static Command Create()
    {
        var target = new TargetSymbols();
        var defaults = HotspotsSettings.Defaults;
        var top = DiagnosticsOptions.Top("How many async methods to show.", defaults.Top);
        var trace = new Option<bool>("--trace") { Description = "Opt-in: trace async calls with the TPL event source for --duration (per-method timing; costs the target CPU, reported)." };
        var duration = DiagnosticsOptions.Duration(defaults.Duration);
        var timeout = new Option<TimeSpan>("--timeout")
        {
            Description = "How long the heap walk may keep the target suspended; past it the snapshot is stopped and the process continued.",
            DefaultValueFactory = _ => defaults.Timeout,
            CustomParser = DiagnosticsOptions.ParseDuration,
            HelpName = "duration",
        };
        var command = new Command("hotspots", "Async-operation hotspots: pending async methods grouped by method, with their states and what they await.")
        {
            target.ProcessId, target.Name, top, trace, duration, timeout, target.DiagnosticPort, target.Launch,
        };
        command.SetAction(RenderedCommand.Tables, async (parseResult, renderer, cancellationToken) =>
        {
            var options = target.Bind(
                new HotspotsOptions
                {
                    Top = parseResult.GetValue(top),
                    Trace = parseResult.GetValue(trace),
                    Duration = parseResult.GetValue(duration),
                    Timeout = parseResult.GetValue(timeout),
                },
                parseResult);
            // From its start, an app on a diagnostic port runs --duration before it is snapshotted (a heap holds
            // nothing yet at start); with --trace it is traced once it runs.
            if (options.Trace)
            {
                var traced = await TargetSymbols.AttachAsync(options, AsyncCallTracer.RunAsync, AsyncCallTracer.RunAsync, cancellationToken);
                renderer.Document(traced, HotspotsViews.Trace);
                return await SessionOutcome.ExitCodeAsync(traced.End, watch: false, thresholdExceeded: false, "report", Console.Error);
            }

            var report = await TargetSymbols.AttachAsync(options, AsyncHotspotScanner.ScanAsync, AsyncHotspotScanner.ScanAsync, cancellationToken);
            renderer.Document(report, HotspotsViews.Report);
            return 0;
        });
        return command;
    }
}
