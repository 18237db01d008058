using System.Globalization;
using System.Management.Automation;
using AsyncIoTools.Diagnostics.Fleet;
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

    /// <summary>Write every interval's delays as an HdrHistogram interval log (.hlog); never overwritten.</summary>
    [Parameter]
    [Alias("Hlog")]
    public string? HlogPath { get; set; }

    /// <summary>Serve Prometheus metrics on http://MetricsBind:MetricsPort/metrics while watching.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int MetricsPort { get; set; }

    /// <summary>The address the metrics endpoint listens on (0.0.0.0 for every interface).</summary>
    [Parameter]
    public string MetricsBind { get; set; } = "127.0.0.1";

    /// <summary>Also push the metrics over OTLP (HTTP/protobuf) to this collector, e.g. http://localhost:4318.</summary>
    [Parameter]
    public Uri? OtlpEndpoint { get; set; }

    protected override void ProcessRecord()
    {
        var options = new LagOptions
        {
            HlogPath = HlogPath is { } hlog ? FileSystemPath(hlog) : null,
            MetricsPort = IfBound(nameof(MetricsPort), MetricsPort),
            MetricsBind = MetricsBind,
            OtlpEndpoint = OtlpEndpoint,
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
                using var outputs = LagOutputs.Create(options);
                foreach (var line in outputs.Lines)
                {
                    dispatcher.Post(() => WriteVerbose(line));
                }

                return await LagMonitor.RunAsync(target, null, options, progress, outputs.Observer, cancellationToken);
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
