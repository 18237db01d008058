using System.Globalization;
using System.Management.Automation;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Failures;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>
/// The target parameters every diagnostics cmdlet shares, as the CLI's <c>--process-id</c>/<c>--name</c>: an id
/// (also from Get-Process, Get-DotNetProcess or anything with an Id on the pipeline) or a name matching one process.
/// </summary>
public abstract class DiagnosticsCmdlet : AsyncIoToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ProcessId, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateRange(1, int.MaxValue)]
    public int ProcessId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Name)]
    [Alias("ProcessName")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The id to attach to, or null when a name was given.</summary>
    protected int? TargetProcessId => ParameterSetName == ParameterSets.ProcessId ? ProcessId : null;

    /// <summary>The name to attach to, or null when an id was given.</summary>
    protected string? TargetProcessName => ParameterSetName == ParameterSets.Name ? Name : null;

    /// <summary>What the error and progress lines call the target.</summary>
    protected string TargetLabel => TargetProcessName ?? TargetProcessId?.ToString(CultureInfo.InvariantCulture) ?? "?";

    /// <summary>
    /// After a session's result was written: a target that exited during it is an error for this input (the CLI's
    /// exit code 15), the figures above covering what was measured until then.
    /// </summary>
    protected void ReportEnd(CaptureEnd end, string what)
    {
        if (end == CaptureEnd.TargetExited)
        {
            Fail(FailureKind.TargetExited, $"process {TargetLabel} exited during the session; the {what} covers what was measured until then", TargetLabel);
        }
    }
}
