using System.Globalization;
using System.Management.Automation;
using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Arguments;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Output;
using AsyncIoTools.Reports.Incidents;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary>
/// <c>Wait-Incident</c> (<c>aiotools watch</c>): watches processes' lag and, when a rule fires, captures the culprit
/// and writes an incident folder; each incident goes to the pipeline as it is written, until Ctrl+C, -Duration,
/// or every process has exited (a TargetExited error). <c>| Select-Object -First 1</c> waits for the first.
/// </summary>
[Cmdlet(VerbsLifecycle.Wait, "Incident", DefaultParameterSetName = ParameterSets.ProcessId)]
[OutputType(typeof(IncidentRecord))]
public sealed class WaitIncidentCommand : AsyncIoToolsCmdlet
{
    private readonly List<int> _processIds = [];

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ProcessId, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateRange(1, int.MaxValue)]
    public int[] ProcessId { get; set; } = [];

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Name)]
    [Alias("ProcessName")]
    public string[] Name { get; set; } = [];

    /// <summary>How long to watch; default: until Ctrl+C or every process has exited.</summary>
    [Parameter]
    [DurationTransformation]
    public TimeSpan Duration { get; set; } = WatchSettings.Defaults.Lag.Duration;

    [Parameter]
    [DurationTransformation]
    public TimeSpan Interval { get; set; } = WatchSettings.Defaults.Lag.Interval;

    [Parameter]
    [DurationTransformation]
    public TimeSpan P99Over { get; set; } = WatchSettings.Defaults.Rules.P99Over;

    [Parameter]
    [DurationTransformation]
    public TimeSpan For { get; set; } = WatchSettings.Defaults.Rules.For;

    [Parameter]
    [DurationTransformation]
    public TimeSpan OldestOver { get; set; } = WatchSettings.Defaults.Rules.OldestOver;

    [Parameter]
    [ValidateRange(0, int.MaxValue)]
    public int ThreadsClimb { get; set; } = WatchSettings.Defaults.Rules.ThreadsClimb;

    [Parameter]
    [DurationTransformation]
    public TimeSpan Capture { get; set; } = WatchSettings.Defaults.Capture;

    [Parameter]
    [DurationTransformation]
    public TimeSpan Cooldown { get; set; } = WatchSettings.Defaults.Cooldown;

    /// <summary>No incident is captured while the output folder holds this many bytes (PowerShell's 500MB works).</summary>
    [Parameter]
    [ValidateRange(1, long.MaxValue)]
    public long MaxDisk { get; set; } = WatchSettings.Defaults.MaxDiskBytes;

    [Parameter]
    public string OutputPath { get; set; } = WatchSettings.Defaults.OutputDirectory;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ParameterSets.ProcessId)
        {
            _processIds.AddRange(ProcessId.Where(id => !_processIds.Contains(id)));
        }
    }

    protected override void EndProcessing()
    {
        var names = ParameterSetName == ParameterSets.Name ? Name : [];
        var options = new WatchOptions
        {
            Lag = new LagOptions { Duration = Duration, Interval = Interval }.Watching(_processIds, names),
            Rules = new WatchRules { P99Over = P99Over, For = For, OldestOver = OldestOver, ThreadsClimb = ThreadsClimb },
            Capture = Capture,
            Cooldown = Cooldown,
            MaxDiskBytes = MaxDisk,
            OutputDirectory = FileSystemPath(OutputPath),
            CommandLine = MyInvocation.Line.Trim(),
        };
        var report = Run(
            (dispatcher, cancellationToken) => IncidentWatcher.RunAsync(
                options,
                new IncidentFiles(),
                incident => dispatcher.Post(() => WriteObject(new IncidentRecord(incident))),
                null,
                note => dispatcher.Post(() => WriteWarning(note)),
                cancellationToken),
            names.Length > 0 ? string.Join(",", names) : string.Join(",", _processIds),
            out var completed);
        if (completed && report is not null && report.AllExited)
        {
            Fail(FailureKind.TargetExited, string.Create(CultureInfo.InvariantCulture, $"every process watched exited; {report.Incidents.Count} incident(s) written to {options.OutputDirectory}"), null);
        }
    }
}
