using System.Globalization;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Cli.Rendering.Diagnostics;
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
    public static async Task<int> RunAsync(LagOptions options, bool asJson, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (options.DiagnosticPort is not null || options.LaunchCommand is { Count: > 0 })
        {
            return await RunOnPortAsync(options, asJson, output, error, cancellationToken);
        }

        if (LagFleet.IsFleet(options))
        {
            return await RunFleetAsync(options, asJson, output, error, cancellationToken);
        }

        var target = LagMonitor.Locate(options);
        using var outputs = LagOutputs.Create(options);
        await SayOutputsAsync(outputs, error);
        if (!asJson)
        {
            await output.WriteLineAsync(LagTextRenderer.Header(new LagReportHeader(target.ProcessId, target.Name, target.Runtime.RuntimeVersionText, options.Interval, options.RunsUntilCanceled)));
        }

        var report = await LagMonitor.RunAsync(target, null, options, Progress(options, asJson, output), outputs.Observer, cancellationToken);
        return await FinishAsync(report, options, asJson, output, error, launched: false);
    }

    private static async Task<int> RunOnPortAsync(LagOptions options, bool asJson, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        using var outputs = LagOutputs.Create(options);
        await SayOutputsAsync(outputs, error);
        if (options.LaunchCommand is null)
        {
            await error.WriteLineAsync($"aiotools: listening on {options.DiagnosticPort}; start the app with DOTNET_DiagnosticPorts={Path.GetFullPath(options.DiagnosticPort!)}");
        }

        await using var port = await PortAttachment.OpenAsync(options, cancellationToken);
        var target = port.Target;
        if (!asJson)
        {
            await output.WriteLineAsync(LagTextRenderer.Header(new LagReportHeader(target.ProcessId, target.Name, target.Runtime.RuntimeVersionText, options.Interval, options.RunsUntilCanceled)).Replace("Attached to process", $"Attached from its start (diagnostic port {target.EndpointPath}) to process", StringComparison.Ordinal));
        }

        var report = await LagMonitor.RunAsync(target, port, options, Progress(options, asJson, output), outputs.Observer, cancellationToken);
        return await FinishAsync(report, options, asJson, output, error, launched: port.Launched is not null);
    }

    private static async Task<int> RunFleetAsync(LagOptions options, bool asJson, TextWriter output, TextWriter error, CancellationToken cancellationToken)
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
                if (asJson)
                {
                    if (options.Watch)
                    {
                        output.WriteLine(JsonReport.Serialize(new { processId = target.ProcessId, name = target.Name, interval }, indented: false));
                    }
                }
                else
                {
                    if (!started)
                    {
                        started = true;
                        var who = LagFleet.ProcessIds(options).Select(id => (id, id == target.ProcessId ? target.Name : ProcessName(id))).ToList();
                        output.WriteLine(LagTextRenderer.FleetHeader(who, options.Interval, LagFleet.Discovers(options)));
                    }

                    output.WriteLine(LagTextRenderer.FleetRow(target.ProcessId, target.Name, interval));
                }

                output.Flush();
            }
        }

        var fleet = await LagFleet.RunAsync(options, outputs.Observer, OnInterval, Note, cancellationToken);
        if (asJson)
        {
            await output.WriteLineAsync(JsonReport.Serialize(new { targets = fleet.Targets }, indented: !options.Watch));
        }
        else
        {
            foreach (var report in fleet.Targets)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"\nProcess {report.Target.ProcessId} ({report.Target.Name}){(report.End == CaptureEnd.TargetExited ? ", exited during the session" : string.Empty)}:"));
                await output.WriteLineAsync(LagTextRenderer.Summary(report).TrimStart('\n'));
            }
        }

        await output.FlushAsync(CancellationToken.None);
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

    private static IProgress<LagInterval>? Progress(LagOptions options, bool asJson, TextWriter output) => asJson
        ? options.Watch ? new SyncProgress<LagInterval>(i => output.WriteLine(JsonReport.Serialize(i, indented: false))) : null
        : new SyncProgress<LagInterval>(i => output.WriteLine(LagTextRenderer.Row(i)));

    private static async Task<int> FinishAsync(LagReport report, LagOptions options, bool asJson, TextWriter output, TextWriter error, bool launched)
    {
        await output.WriteLineAsync(asJson ? JsonReport.Serialize(report, indented: !options.Watch) : LagTextRenderer.Summary(report));
        await output.FlushAsync(CancellationToken.None);
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
