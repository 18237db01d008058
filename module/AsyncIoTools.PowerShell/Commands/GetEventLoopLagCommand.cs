using System.Globalization;
using System.Management.Automation;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Arguments;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Output;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary>
/// <c>Get-EventLoopLag</c> (<c>aiotools lag</c>): how long work waits in a live .NET process's thread pool, per
/// interval and overall, with a verdict. With -Watch, intervals stream to the pipeline until Ctrl+C.
/// </summary>
[Cmdlet(VerbsCommon.Get, "EventLoopLag", DefaultParameterSetName = ParameterSets.ProcessId)]
[OutputType(typeof(EventLoopLagReport))]
[OutputType(typeof(EventLoopLagInterval))]
public sealed class GetEventLoopLagCommand : DiagnosticsCmdlet
{
    private const string Activity = "Get-EventLoopLag";

    [Parameter]
    [DurationTransformation]
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The length of one reported interval.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Stream intervals until Ctrl+C instead of stopping after -Duration.</summary>
    [Parameter]
    public SwitchParameter Watch { get; set; }

    /// <summary>An error (ThresholdExceeded) when the p99 delay or the longest wait crosses this, e.g. 50ms.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Threshold { get; set; }

    /// <summary>Also keep the raw session as a .nettrace file (never overwritten).</summary>
    [Parameter]
    public string? TraceOut { get; set; }

    protected override void ProcessRecord()
    {
        var options = new LagOptions
        {
            ProcessId = TargetProcessId,
            ProcessName = TargetProcessName,
            Duration = Duration,
            Interval = Interval,
            Watch = Watch,
            Threshold = IfBound(nameof(Threshold), Threshold),
            TraceOut = TraceOut is { } traceOut ? FileSystemPath(traceOut) : null,
        };
        var expected = Math.Max(1, (int)Math.Round(options.Duration / options.Interval));
        var report = Run(
            async (dispatcher, cancellationToken) =>
            {
                var target = LagMonitor.Locate(options);
                dispatcher.Post(() => WriteVerbose($"attached to {target.Name} (process {target.ProcessId}, .NET {target.Runtime.RuntimeVersionText})"));
                var progress = dispatcher.Progress<LagInterval>(interval =>
                {
                    if (Watch)
                    {
                        WriteObject(new EventLoopLagInterval(target.ProcessId, interval));
                        return;
                    }

                    ShowProgress(
                        Activity,
                        string.Create(CultureInfo.InvariantCulture, $"process {target.ProcessId}: interval {interval.Index + 1}/{expected}, p99 {interval.P99Micros / 1000.0:0.###} ms, {interval.VerdictText}"),
                        (interval.Index + 1) * 100 / expected);
                });
                return await LagMonitor.RunAsync(target, options, progress, cancellationToken);
            },
            TargetLabel,
            out var measured);
        CompleteProgress(Activity);
        if (!measured || report is null)
        {
            return;
        }

        if (!Watch)
        {
            WriteObject(new EventLoopLagReport(report));
        }

        ReportEnd(report.End, "report");
        if (report.ThresholdExceeded)
        {
            Fail(FailureKind.ThresholdExceeded, string.Create(CultureInfo.InvariantCulture, $"process {report.Target.ProcessId}: thread-pool delay crossed {Threshold.TotalMilliseconds:0.###} ms (p99 {report.Summary.P99Micros / 1000.0:0.###} ms, oldest waiting {report.Summary.OldestPendingMicros / 1000.0:0.###} ms)"), report);
        }
    }
}
