using System.CommandLine;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.EventPipe;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary><c>aiotools blocking</c>: which methods block pool threads, grouped by the caller into the wait.</summary>
public static class BlockingCommand
{
    public static Command Create()
    {
        var target = new TargetSymbols();
        var defaults = BlockingSettings.Defaults;
        var duration = DiagnosticsOptions.Duration(defaults.Duration);
        var top = DiagnosticsOptions.Top("How many blocking sites to show.", defaults.Top);
        var allThreads = new Option<bool>("--all-threads") { Description = "Count waits on every thread, not only pool workers." };
        var traceOut = DiagnosticsOptions.TraceOut();
        var command = new Command("blocking", "Which methods block thread-pool threads (sync-over-async, waits, locks, sleeps): counts and blocked time.")
        {
            target.ProcessId, target.Name, duration, top, allThreads, traceOut, target.DiagnosticPort, target.Launch,
        };
        command.SetAction(RenderedCommand.Tables, async (parseResult, renderer, cancellationToken) =>
        {
            var options = target.Bind(
                new BlockingOptions
                {
                    Duration = parseResult.GetValue(duration),
                    Top = parseResult.GetValue(top),
                    AllThreads = parseResult.GetValue(allThreads),
                    TraceOut = parseResult.GetValue(traceOut),
                },
                parseResult);
            var report = await TargetSymbols.AttachAsync(options, BlockingProfiler.RunAsync, BlockingProfiler.RunAsync, cancellationToken);
            renderer.Document(report, BlockingViews.Report);
            // An app we launched that ends on its own ends the session normally.
            var end = options.LaunchCommand is not null && report.End == CaptureEnd.TargetExited ? CaptureEnd.Completed : report.End;
            return await SessionOutcome.ExitCodeAsync(end, watch: false, thresholdExceeded: false, "report", Console.Error);
        });
        return command;
    }
}
