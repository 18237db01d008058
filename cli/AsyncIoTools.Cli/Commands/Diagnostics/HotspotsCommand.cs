using System.CommandLine;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary><c>aiotools hotspots</c>: pending async calls per method (heap snapshot), or with --trace, timed calls.</summary>
public static class HotspotsCommand
{
    public static Command Create()
    {
        var processId = DiagnosticsOptions.ProcessId();
        var name = DiagnosticsOptions.Name();
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
        var diagnosticPort = DiagnosticsOptions.DiagnosticPort();
        var launch = DiagnosticsOptions.Command();
        var command = new Command("hotspots", "Async-operation hotspots: pending async methods grouped by method, with their states and what they await.")
        {
            processId, name, top, trace, duration, timeout, diagnosticPort, launch,
        };
        command.SetAction(RenderedCommand.Tables, async (parseResult, renderer, cancellationToken) =>
        {
            var options = new HotspotsOptions
            {
                ProcessId = parseResult.GetValue(processId),
                ProcessName = parseResult.GetValue(name),
                Top = parseResult.GetValue(top),
                Trace = parseResult.GetValue(trace),
                Duration = parseResult.GetValue(duration),
                Timeout = parseResult.GetValue(timeout),
                DiagnosticPort = parseResult.GetValue(diagnosticPort),
                LaunchCommand = parseResult.GetValue(launch) is { Length: > 0 } c ? c : null,
            };
            // From its start, an app on a diagnostic port runs --duration before it is snapshotted (a heap holds
            // nothing yet at start); with --trace it is traced once it runs.
            await using var port = PortAttachment.IsRequested(options) ? await PortAttachment.OpenAsync(options, cancellationToken) : null;
            if (options.Trace)
            {
                var traced = port is null ? await AsyncCallTracer.RunAsync(options, cancellationToken) : await AsyncCallTracer.RunAsync(port, options, cancellationToken);
                renderer.Document(traced, HotspotsViews.Trace);
                return await SessionOutcome.ExitCodeAsync(traced.End, watch: false, thresholdExceeded: false, "report", Console.Error);
            }

            var report = port is null ? await AsyncHotspotScanner.ScanAsync(options, cancellationToken) : await AsyncHotspotScanner.ScanAsync(port, options, cancellationToken);
            renderer.Document(report, HotspotsViews.Report);
            return 0;
        });
        return command;
    }
}
