using System.Globalization;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Fleet;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary>
/// What <c>aiotools lag</c> runs once its options are bound: one process, several at once, or an app held on a
/// diagnostic port; the intervals printed as they close (and sent to the log, metrics and OTLP outputs asked for),
/// then the summary, then the exit code.
/// </summary>
internal static class LagSession
{
    public static async Task<int> RunAsync(LagOptions options, IOutputRenderer renderer, TextWriter error, CancellationToken cancellationToken)
    {
        if (options.DiagnosticPort is not null || options.LaunchCommand is { Count: > 0 })
        {
            return await RunOnPortAsync(options, renderer, error, cancellationToken);
        }

        if (LagFleet.IsFleet(options))
        {
            return await RunFleetAsync(options, renderer, error, cancellationToken);
        }

        var target = LagMonitor.Locate(options);
        using var outputs = LagOutputs.Create(options);
        await SayOutputsAsync(outputs, error);
        renderer.Document(new LagReportHeader(target.ProcessId, target.Name, target.Runtime.RuntimeVersionText, options.Interval, options.RunsUntilCanceled), LagViews.Header);
        var report = await LagMonitor.RunAsync(target, null, options, Rows(options, renderer), outputs.Observer, cancellationToken);
        return await FinishAsync(report, options, renderer, error, launched: false);
    }

    private static async Task<int> RunOnPortAsync(LagOptions options, IOutputRenderer renderer, TextWriter error, CancellationToken cancellationToken)
    {
        using var outputs = LagOutputs.Create(options);
        await SayOutputsAsync(outputs, error);
        if (options.LaunchCommand is null)
        {
            await error.WriteLineAsync($"aiotools: listening on {options.DiagnosticPort}; start the app with DOTNET_DiagnosticPorts={Path.GetFullPath(options.DiagnosticPort!)}");
        }

        await using var port = await PortAttachment.OpenAsync(options, cancellationToken);
        var target = port.Target;
        var header = new LagReportHeader(target.ProcessId, target.Name, target.Runtime.RuntimeVersionText, options.Interval, options.RunsUntilCanceled) { DiagnosticPort = target.EndpointPath };
        renderer.Document(header, LagViews.Header);
        var report = await LagMonitor.RunAsync(target, port, options, Rows(options, renderer), outputs.Observer, cancellationToken);
        return await FinishAsync(report, options, renderer, error, launched: port.Launched is not null);
    }

    private static async Task<int> RunFleetAsync(LagOptions options, IOutputRenderer renderer, TextWriter error, CancellationToken cancellationToken)
    {
        using var outputs = LagOutputs.Create(options);
        await SayOutputsAsync(outputs, error);
        var gate = new Lock();
        var started = false;
        void Note(string line)
        {
            lock (gate)
            {
                error.WriteLine($"aiotools: {line}");
            }
        }

        void OnInterval(DotNetTarget target, LagInterval interval)
        {
            lock (gate)
            {
                if (!started)
                {
                    started = true;
                    var who = LagFleet.ProcessIds(options).Select(id => (id, id == target.ProcessId ? target.Name : ProcessName(id))).ToList();
                    renderer.Document(new LagFleetHeader(who, options.Interval, LagFleet.Discovers(options)), LagViews.FleetHeader);
                }

                renderer.Row(new LagProcessInterval(target.ProcessId, target.Name, interval), LagViews.FleetInterval, live: options.Watch);
            }
        }

        var fleet = await LagFleet.RunAsync(options, outputs.Observer, OnInterval, Note, cancellationToken);
        renderer.Document(new LagFleetDocument(fleet.Targets), LagViews.FleetReport, live: options.Watch);
        if (fleet.Canceled && !options.RunsUntilCanceled)
        {
            await error.WriteLineAsync("aiotools: canceled; the report above covers what was measured until then");
            return (int)ExitCode.Canceled;
        }

        if (fleet.ThresholdExceeded)
        {
            await error.WriteLineAsync("aiotools: the threshold was exceeded");
            return (int)ExitCode.ThresholdExceeded;
        }

        if (fleet.AllExited)
        {
            await error.WriteLineAsync("aiotools: every process watched exited during the session; the report above covers what was measured until then");
            return (int)ExitCode.TargetExited;
        }

        return (int)ExitCode.Success;
    }

    /// <summary>Each interval to the renderer as it closes (under --watch, JSON writes it as a line at once).</summary>
    private static SyncProgress<LagInterval> Rows(LagOptions options, IOutputRenderer renderer) =>
        new(interval => renderer.Row(interval, LagViews.Interval, live: options.Watch));

    private static async Task<int> FinishAsync(LagReport report, LagOptions options, IOutputRenderer renderer, TextWriter error, bool launched)
    {
        renderer.Document(report, LagViews.Report, live: options.Watch);
        if (launched && report.End == CaptureEnd.TargetExited)
        {
            // An app we started ending on its own is the session's natural end.
            await error.WriteLineAsync("aiotools: the app exited; the report above covers its whole run");
            return report.ThresholdExceeded ? (int)ExitCode.ThresholdExceeded : (int)ExitCode.Success;
        }

        return await SessionOutcome.ExitCodeAsync(report.End, options.RunsUntilCanceled, report.ThresholdExceeded, "report", error);
    }

    private static async Task SayOutputsAsync(LagOutputs outputs, TextWriter error)
    {
        foreach (var line in outputs.Lines)
        {
            await error.WriteLineAsync($"aiotools: {line}");
        }
    }

    private static string ProcessName(int processId)
    {
        try
        {
            return File.ReadAllText($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/comm").Trim();
        }
        catch (IOException)
        {
            return "?";
        }
    }
}
