using System.Globalization;
using System.Management.Automation;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.PowerShell.Arguments;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Output;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary>
/// <c>Get-AsyncHotspot</c> (<c>aiotools hotspots</c>): pending async calls grouped by method from one heap snapshot,
/// with their states and what they await; with -Trace, async calls timed over -Duration (opt-in: it costs the target CPU).
/// </summary>
[Cmdlet(VerbsCommon.Get, "AsyncHotspot", DefaultParameterSetName = ParameterSets.ProcessId)]
[OutputType(typeof(AsyncHotspot))]
[OutputType(typeof(AsyncCallTime))]
public sealed class GetAsyncHotspotCommand : SingleTargetCmdlet
{
    /// <summary>How many async methods to report.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Top { get; set; } = HotspotsSettings.Defaults.Top;

    /// <summary>Opt-in: trace async calls with the TPL event source for -Duration (per-method timing; costs the target CPU, reported).</summary>
    [Parameter]
    public SwitchParameter Trace { get; set; }

    /// <summary>How long to trace (with -Trace); with -DiagnosticPort or -FilePath, also how long the app runs before its heap is snapshotted.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Duration { get; set; } = HotspotsSettings.Defaults.Duration;

    /// <summary>How long the heap walk may keep the target suspended; past it the snapshot is stopped and the process continued.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Timeout { get; set; } = HotspotsSettings.Defaults.Timeout;

    protected override void ProcessRecord()
    {
        var options = Targeting(new HotspotsOptions
        {
            Top = Top,
            Trace = Trace,
            Duration = Duration,
            Timeout = Timeout,
        });
        if (!options.Trace)
        {
            var report = Run(
                // From its start, the app runs -Duration before its heap is snapshotted (a heap holds nothing yet at start).
                (dispatcher, cancellationToken) => AttachAsync(
                    options,
                    dispatcher,
                    token => AsyncHotspotScanner.ScanAsync(options, token),
                    (port, token) => AsyncHotspotScanner.ScanAsync(port, options, token),
                    cancellationToken),
                TargetLabel,
                out var scanned);
            if (scanned && report is not null)
            {
                WriteVerbose(string.Create(CultureInfo.InvariantCulture, $"{report.Target.Name} (process {report.Target.ProcessId}): paused {report.PauseMilliseconds:0} ms, {report.HeapObjectsScanned:#,0} heap objects, {report.PendingTotal:#,0} pending async calls"));
                WriteObject(report.Methods.Select(m => new AsyncHotspot(report.Target.ProcessId, m)), enumerateCollection: true);
            }

            return;
        }

        var traced = RunTimed(
            options,
            options.Duration,
            "tracing async calls in",
            cancellationToken => AsyncCallTracer.RunAsync(options, cancellationToken),
            (port, cancellationToken) => AsyncCallTracer.RunAsync(port, options, cancellationToken));
        if (traced is null)
        {
            return;
        }

        WriteWarning(string.Create(CultureInfo.InvariantCulture, $"tracing cost process {traced.Target.ProcessId} CPU: {traced.TargetCpuPercentBefore:0.#}% before the session, {traced.TargetCpuPercentDuring:0.#}% during it ({traced.Events:#,0} events in {traced.Seconds:0.#} s){(SessionSampling.WasSampled(traced.FollowedFraction) ? $"; traced {traced.FollowedFraction:0%} of the time, in one window a second (a busy target: calls running when a window closed count as open)" : string.Empty)}"));
        WriteObject(traced.Methods.Select(m => new AsyncCallTime(traced.Target.ProcessId, m)), enumerateCollection: true);
        ReportEnd(traced.End, "timings", TargetLabel, launched: options.LaunchCommand is not null);
    }
}
