using System.CommandLine;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary><c>aiotools lag</c>: thread-pool delay of a live process, per interval and overall, with a verdict.</summary>
public static class LagCommand
{
    public static Command Create()
    {
        var processId = DiagnosticsOptions.ProcessId();
        var name = DiagnosticsOptions.Name();
        var duration = DiagnosticsOptions.Duration(TimeSpan.FromSeconds(10));
        var interval = new Option<TimeSpan>("--interval", "-i")
        {
            Description = "The length of one reported interval.",
            DefaultValueFactory = _ => TimeSpan.FromSeconds(1),
            CustomParser = DiagnosticsOptions.ParseDuration,
            HelpName = "duration",
        };
        var watch = new Option<bool>("--watch", "-w") { Description = "Stream intervals until Ctrl+C instead of stopping after --duration." };
        var threshold = DiagnosticsOptions.OptionalDuration("--threshold", "Exit with code 20 when the p99 delay or the longest wait crosses this, e.g. 50ms.");
        var json = DiagnosticsOptions.Json();
        var traceOut = DiagnosticsOptions.TraceOut();
        var command = new Command("lag", "How long work waits in a live .NET process's thread pool (p50/p90/p99/max per interval, oldest waiting item, verdict).")
        {
            processId, name, duration, interval, watch, threshold, json, traceOut,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new LagOptions
            {
                ProcessId = parseResult.GetValue(processId),
                ProcessName = parseResult.GetValue(name),
                Duration = parseResult.GetValue(duration),
                Interval = parseResult.GetValue(interval),
                Watch = parseResult.GetValue(watch),
                Threshold = parseResult.GetValue(threshold),
                TraceOut = parseResult.GetValue(traceOut),
            };
            var asJson = parseResult.GetValue(json);
            var output = Console.Out;
            var target = LagMonitor.Locate(options);
            if (!asJson)
            {
                await output.WriteLineAsync(LagTextRenderer.Header(new LagReportHeader(target.ProcessId, target.Name, target.Runtime.RuntimeVersionText, options.Interval, options.Watch)));
            }

            IProgress<LagInterval>? progress = asJson
                ? options.Watch ? new SyncProgress<LagInterval>(i => output.WriteLine(JsonReport.Serialize(i, indented: false))) : null
                : new SyncProgress<LagInterval>(i => output.WriteLine(LagTextRenderer.Row(i)));
            var report = await LagMonitor.RunAsync(target, options, progress, cancellationToken);
            await output.WriteLineAsync(asJson ? JsonReport.Serialize(report, indented: !options.Watch) : LagTextRenderer.Summary(report));
            await output.FlushAsync(CancellationToken.None);
            return await SessionOutcome.ExitCodeAsync(report.End, options.Watch, report.ThresholdExceeded, "report", Console.Error);
        });
        return command;
    }
}
