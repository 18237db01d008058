using System.CommandLine;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Incidents;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary>
/// <c>aiotools diagnose</c>: lag, blocking and async hotspots in one pass, the verdict and its cause first; exit 0
/// when healthy, 21 when lagging or starved, so scripts and smoke tests can act on it.
/// </summary>
public static class DiagnoseCommand
{
    public static Command Create()
    {
        var processId = DiagnosticsOptions.ProcessId();
        var name = DiagnosticsOptions.Name();
        var defaults = DiagnoseSettings.Defaults;
        var duration = DiagnosticsOptions.Duration(defaults.Duration);
        var interval = DiagnosticsOptions.Interval("The length of one lag interval.", defaults.Interval);
        var top = DiagnosticsOptions.Top("How many blocking sites and async methods the evidence lists.", defaults.Top);
        var traceOut = DiagnosticsOptions.TraceOut();
        var command = new Command("diagnose", "Lag, blocking and async hotspots of a live .NET process in one pass: the verdict and its cause first, then the evidence; exit 21 when it lags.")
        {
            processId, name, duration, interval, top, traceOut,
        };
        command.SetAction(RenderedCommand.Documents, async (parseResult, renderer, cancellationToken) =>
        {
            var options = new DiagnoseOptions
            {
                ProcessId = parseResult.GetValue(processId),
                ProcessName = parseResult.GetValue(name),
                Duration = parseResult.GetValue(duration),
                Interval = parseResult.GetValue(interval),
                Top = parseResult.GetValue(top),
                TraceOut = parseResult.GetValue(traceOut),
            };
            var diagnosis = await Diagnoser.RunAsync(options, cancellationToken);
            renderer.Document(diagnosis, DiagnosisViews.Diagnosis);
            var end = diagnosis.Lag.End == CaptureEnd.Completed ? diagnosis.Blocking.End : diagnosis.Lag.End;
            if (end != CaptureEnd.Completed)
            {
                return await SessionOutcome.ExitCodeAsync(end, watch: false, thresholdExceeded: false, "diagnosis", Console.Error);
            }

            return (int)(diagnosis.IsHealthy ? ExitCode.Success : ExitCode.Lagging);
        });
        return command;
    }
}
