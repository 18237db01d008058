using System.CommandLine;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary><c>aiotools blocking</c>: which methods block pool threads, grouped by the caller into the wait.</summary>
public static class BlockingCommand
{
    public static Command Create()
    {
        var processId = DiagnosticsOptions.ProcessId();
        var name = DiagnosticsOptions.Name();
        var defaults = BlockingSettings.Defaults;
        var duration = DiagnosticsOptions.Duration(defaults.Duration);
        var top = DiagnosticsOptions.Top("How many blocking sites to show.", defaults.Top);
        var allThreads = new Option<bool>("--all-threads") { Description = "Count waits on every thread, not only pool workers." };
        var traceOut = DiagnosticsOptions.TraceOut();
        var diagnosticPort = DiagnosticsOptions.DiagnosticPort();
        var launch = DiagnosticsOptions.Command();
        var command = new Command("blocking", "Which methods block thread-pool threads (sync-over-async, waits, locks, sleeps): counts and blocked time.")
        {
            processId, name, duration, top, allThreads, traceOut, diagnosticPort, launch,
        };
        command.SetAction(RenderedCommand.Tables, async (parseResult, renderer, cancellationToken) =>
        {
            var options = new BlockingOptions
            {
                ProcessId = parseResult.GetValue(processId),
                ProcessName = parseResult.GetValue(name),
                Duration = parseResult.GetValue(duration),
                Top = parseResult.GetValue(top),
                AllThreads = parseResult.GetValue(allThreads),
                TraceOut = parseResult.GetValue(traceOut),
                DiagnosticPort = parseResult.GetValue(diagnosticPort),
                LaunchCommand = parseResult.GetValue(launch) is { Length: > 0 } c ? c : null,
            };
            await using var port = PortAttachment.IsRequested(options) ? await PortAttachment.OpenAsync(options, cancellationToken) : null;
            var report = port is null ? await BlockingProfiler.RunAsync(options, cancellationToken) : await BlockingProfiler.RunAsync(port, options, cancellationToken);
            renderer.Document(report, BlockingViews.Report);
            // An app we launched that ends on its own ends the session normally.
            var end = port?.Launched is not null && report.End == CaptureEnd.TargetExited ? CaptureEnd.Completed : report.End;
            return await SessionOutcome.ExitCodeAsync(end, watch: false, thresholdExceeded: false, "report", Console.Error);
        });
        return command;
    }
}
