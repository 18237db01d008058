using System.Globalization;
using System.Management.Automation;
using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.PowerShell.Arguments;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Output;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary>
/// <c>Invoke-Diagnosis</c> (<c>aiotools diagnose</c>): lag, blocking and async hotspots of a live process in one
/// pass; the verdict and its cause first. Scripts test <c>.Verdict</c> where the CLI gives exit code 21.
/// </summary>
[Cmdlet(VerbsLifecycle.Invoke, "Diagnosis", DefaultParameterSetName = ParameterSets.ProcessId)]
[OutputType(typeof(DiagnosisResult))]
public sealed class InvokeDiagnosisCommand : AsyncIoToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ProcessId, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateRange(1, int.MaxValue)]
    public int ProcessId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Name)]
    [Alias("ProcessName")]
    public string Name { get; set; } = string.Empty;

    [Parameter]
    [DurationTransformation]
    public TimeSpan Duration { get; set; } = DiagnoseSettings.Defaults.Duration;

    [Parameter]
    [DurationTransformation]
    public TimeSpan Interval { get; set; } = DiagnoseSettings.Defaults.Interval;

    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Top { get; set; } = DiagnoseSettings.Defaults.Top;

    [Parameter]
    public string? TraceOut { get; set; }

    protected override void ProcessRecord()
    {
        var options = new DiagnoseOptions
        {
            ProcessId = ParameterSetName == ParameterSets.ProcessId ? ProcessId : null,
            ProcessName = ParameterSetName == ParameterSets.Name ? Name : null,
            Duration = Duration,
            Interval = Interval,
            Top = Top,
            TraceOut = TraceOut is { } traceOut ? FileSystemPath(traceOut) : null,
        };
        var label = options.ProcessName ?? ProcessId.ToString(CultureInfo.InvariantCulture);
        var started = DateTime.UtcNow;
        var diagnosis = Run(
            (_, cancellationToken) => Diagnoser.RunAsync(options, cancellationToken),
            label,
            out var completed,
            () => ShowProgress($"measuring lag and blocking of {label}", Math.Min(99, (int)(100 * (DateTime.UtcNow - started) / options.Duration))));
        CompleteProgress();
        if (completed && diagnosis is not null)
        {
            WriteObject(new DiagnosisResult(diagnosis));
        }
    }
}
