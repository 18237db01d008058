using System.Globalization;
using System.Management.Automation;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>
/// The target parameters of the diagnostics cmdlets that observe one process at a time, as the CLI's
/// <c>--process-id</c>/<c>--name</c>: an id (also from Get-Process, Get-DotNetProcess or anything with an Id on the
/// pipeline, each in turn) or a name matching one process; or an app on a diagnostic port (<see cref="DiagnosticsCmdlet"/>).
/// </summary>
public abstract class SingleTargetCmdlet : DiagnosticsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = ParameterSets.ProcessId, ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateRange(1, int.MaxValue)]
    public int ProcessId { get; set; }

    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Name)]
    [Alias("ProcessName")]
    public string Name { get; set; } = string.Empty;

    /// <summary>The id to attach to, or null when a name or a diagnostic port was given.</summary>
    protected int? TargetProcessId => ParameterSetName == ParameterSets.ProcessId ? ProcessId : null;

    /// <summary>The name to attach to, or null when an id or a diagnostic port was given.</summary>
    protected string? TargetProcessName => ParameterSetName == ParameterSets.Name ? Name : null;

    /// <summary>What the error and progress lines call the target.</summary>
    protected string TargetLabel => OnDiagnosticPort ? PortLabel : TargetProcessName ?? TargetProcessId?.ToString(CultureInfo.InvariantCulture) ?? "?";
}
