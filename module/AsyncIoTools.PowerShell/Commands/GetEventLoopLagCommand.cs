using System.Globalization;
using System.Management.Automation;
using AsyncIoTools.Diagnostics.Fleet;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Arguments;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Output;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary>
/// <c>Get-EventLoopLag</c> (<c>aiotools lag</c>): how long work waits in live .NET processes' thread pools, per
/// interval and overall, with a verdict. Several processes (ids, Get-Process on the pipeline, names, every .NET
/// process of a user) are watched at once, one report each; an app can be observed from its first instruction
/// (-DiagnosticPort, -FilePath). With -Watch, intervals stream to the pipeline until Ctrl+C.
/// </summary>
[Cmdlet(VerbsCommon.Get, "EventLoopLag", DefaultParameterSetName = ParameterSets.ProcessId)]
[OutputType(typeof(EventLoopLagReport))]
[OutputType(typeof(EventLoopLagInterval))]
public sealed class GetEventLoopLagCommand : DiagnosticsCmdlet
{
    private readonly List<int> _processIds = [];

    /// <summary>The processes to watch; several are watched at once. Piped objects with an Id or ProcessId are collected first.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ProcessId, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateRange(1, int.MaxValue)]
    public int[] ProcessId { get; set; } = [];

    /// <summary>Every process of these names, including ones that start later while watching.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Name)]
    [Alias("ProcessName")]
    public string[] Name { get; set; } = [];

    /// <summary>Every .NET process of this user (or of -User), including ones that start later while watching.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.All)]
    public SwitchParameter All { get; set; }

    /// <summary>With -All: whose processes (a user name or uid).</summary>
    [Parameter(ParameterSetName = ParameterSets.All)]
    public string? User { get; set; }

    [Parameter]
    [DurationTransformation]
    public TimeSpan Duration { get; set; } = LagSettings.Defaults.Duration;

    /// <summary>The length of one reported interval.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Interval { get; set; } = LagSettings.Defaults.Interval;

    /// <summary>Stream intervals until Ctrl+C instead of stopping after -Duration.</summary>
    [Parameter]
    public SwitchParameter Watch { get; set; }

    /// <summary>An error (ThresholdExceeded) when the p99 delay or the longest wait crosses this, e.g. 50ms.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Threshold { get; set; }

    /// <summary>Also keep the raw session as a .nettrace file (never overwritten; one process only).</summary>
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
    public string MetricsBind { get; set; } = LagSettings.Defaults.MetricsBind;

    /// <summary>Also push the metrics over OTLP (HTTP/protobuf) to this collector, e.g. http://localhost:4318.</summary>
    [Parameter]
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>
    /// Piped processes are collected (each checked now: one that cannot be attached is an error for that input
    /// alone) and watched together once the pipeline's input ends.
    /// </summary>
    protected override void ProcessRecord()
    {
        if (ParameterSetName != ParameterSets.ProcessId)
        {
            return;
        }

        foreach (var id in ProcessId.Where(id => !_processIds.Contains(id)))
        {
            Run((_, _) => Task.FromResult(LagMonitor.Locate(Options([id]))), Label(id), out var attachable);
            if (attachable)
            {
                _processIds.Add(id);
            }
        }
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == ParameterSets.ProcessId && _processIds.Count == 0)
        {
            return;
        }

        var options = Options(_processIds);
        if (!OnDiagnosticPort && LagFleet.IsFleet(options))
        {
            RunFleet(options);
        }
        else
        {
            RunOne(options);
        }
    }

    /// <summary>The options the CLI's lag binds too: one id or several, one name or several, or every process of a user.</summary>
    private LagOptions Options(IReadOnlyList<int> ids) => OnPort(new LagOptions
    {
        AllProcesses = All,
        User = User,
        HlogPath = HlogPath is { } hlog ? FileSystemPath(hlog) : null,
        MetricsPort = IfBound(nameof(MetricsPort), MetricsPort),
        MetricsBind = MetricsBind,
        OtlpEndpoint = OtlpEndpoint,
        Duration = Duration,
        Interval = Interval,
        Watch = Watch,
        Threshold = IfBound(nameof(Threshold), Threshold),
        TraceOut = TraceOut is { } traceOut ? FileSystemPath(traceOut) : null,
    }.Watching(ids, ParameterSetName == ParameterSets.Name ? Name : []));

    /// <summary>
    /// One process: a running one, attached to as it is, or an app on a diagnostic port, from its start (its outputs
    /// are opened first: the app may run as soon as it connects). An app this cmdlet started ending is no error.
    /// </summary>
    private void RunOne(LagOptions options)
    {
        var label = OnDiagnosticPort ? PortLabel : options.ProcessName ?? Label(options.ProcessId ?? 0);
        var report = Run(
            async (dispatcher, cancellationToken) =>
            {
                var running = OnDiagnosticPort ? null : LagMonitor.Locate(options);
                using var outputs = LagOutputs.Create(options);
                Say(dispatcher, outputs);
                await using var port = running is null ? await OpenPortAsync(options, dispatcher, cancellationToken) : null;
                var target = running ?? port!.Target;
                var how = port is null ? string.Empty : $"from its start (diagnostic port {target.EndpointPath}) ";
                dispatcher.Post(() => WriteVerbose($"attached {how}to {target.Name} (process {target.ProcessId}, .NET {target.Runtime.RuntimeVersionText})"));
                return await LagMonitor.RunAsync(target, port, options, IntervalProgress(dispatcher, options, target.ProcessId), outputs.Observer, cancellationToken);
            },
            label,
            out var measured);
        CompleteProgress();
        if (measured && report is not null)
        {
            Write(options, report, label, exitIsError: options.LaunchCommand is null);
        }
    }

    private void RunFleet(LagOptions options)
    {
        var fleet = Run(
            async (dispatcher, cancellationToken) =>
            {
                using var outputs = LagOutputs.Create(options);
                Say(dispatcher, outputs);
                var started = DateTime.UtcNow;
                return await LagFleet.RunAsync(
                    options,
                    outputs.Observer,
                    (target, interval) => dispatcher.Post(() =>
                    {
                        if (Watch)
                        {
                            WriteObject(new EventLoopLagInterval(target.ProcessId, interval));
                        }
                        else
                        {
                            ShowProgress(string.Create(CultureInfo.InvariantCulture, $"process {target.ProcessId}: {interval.EndSeconds:0.#} s, p99 {interval.P99Micros / 1000.0:0.###} ms, {interval.VerdictText}"), (int)(100 * (DateTime.UtcNow - started) / options.Duration));
                        }
                    }),
                    note => dispatcher.Post(() => WriteWarning(note)),
                    cancellationToken);
            },
            null,
            out var measured);
        CompleteProgress();
        if (!measured || fleet is null)
        {
            return;
        }

        // One process of several exiting was said as a warning; only all of them gone is an error, as the CLI's exit code.
        foreach (var report in fleet.Targets)
        {
            Write(options, report, Label(report.Target.ProcessId), exitIsError: false);
        }

        if (fleet.AllExited)
        {
            Fail(FailureKind.TargetExited, "every process watched exited during the session; the reports cover what was measured until then", null);
        }
    }

    /// <summary>With -Watch, each interval to the pipeline as it closes; otherwise a progress line.</summary>
    private IProgress<LagInterval> IntervalProgress(PipelineDispatcher dispatcher, LagOptions options, int processId)
    {
        var expected = Math.Max(1, (int)Math.Round(options.Duration / options.Interval));
        return dispatcher.Progress<LagInterval>(interval =>
        {
            if (Watch)
            {
                WriteObject(new EventLoopLagInterval(processId, interval));
                return;
            }

            ShowProgress(
                string.Create(CultureInfo.InvariantCulture, $"process {processId}: interval {interval.Index + 1}/{expected}, p99 {interval.P99Micros / 1000.0:0.###} ms, {interval.VerdictText}"),
                (interval.Index + 1) * 100 / expected);
        });
    }

    private void Say(PipelineDispatcher dispatcher, LagOutputs outputs)
    {
        foreach (var line in outputs.Lines)
        {
            dispatcher.Post(() => WriteVerbose(line));
        }
    }

    /// <summary>The report (unless intervals were streamed), then a target that exited or a crossed threshold as errors for that process.</summary>
    private void Write(LagOptions options, LagReport report, string label, bool exitIsError)
    {
        if (!Watch)
        {
            WriteObject(new EventLoopLagReport(report));
        }

        if (LagSamplingNote.Of(report.Summary) is { } sampled)
        {
            WriteWarning($"process {report.Target.ProcessId}: {sampled}");
        }

        ReportEnd(report.End, "report", label, launched: !exitIsError);
        if (report.ThresholdExceeded)
        {
            Fail(FailureKind.ThresholdExceeded, string.Create(CultureInfo.InvariantCulture, $"process {report.Target.ProcessId}: thread-pool delay crossed {options.Threshold!.Value.TotalMilliseconds:0.###} ms (p99 {report.Summary.P99Micros / 1000.0:0.###} ms, oldest waiting {report.Summary.OldestPendingMicros / 1000.0:0.###} ms)"), report);
        }
    }
}
