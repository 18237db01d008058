using System.Globalization;
using System.Management.Automation;
using AsyncIoTools.Diagnostics.Targets;

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

    /// <summary>The options (a TargetOptions record) with this cmdlet's target: a process id or name, or an app on a diagnostic port (see <see cref="DiagnosticsCmdlet.OnPort"/> for why T is not constrained).</summary>
    protected T Targeting<T>(T options)
        where T : class =>
        OnPort((T)(object)WithProcess((TargetOptions)(object)options));

    private TargetOptions WithProcess(TargetOptions options) => options with { ProcessId = TargetProcessId, ProcessName = TargetProcessName };

    /// <summary>
    /// Runs a session of <paramref name="duration"/> on the target (see <see cref="DiagnosticsCmdlet.AttachAsync"/>)
    /// with a progress bar over it; the result, or null when it failed (written as an error).
    /// </summary>
    protected T? RunTimed<T>(
        TargetOptions options,
        TimeSpan duration,
        string doing,
        Func<CancellationToken, Task<T>> running,
        Func<PortAttachment, CancellationToken, Task<T>> fromStart)
        where T : class
    {
        var started = DateTime.UtcNow;
        var result = Run(
            (dispatcher, cancellationToken) => AttachAsync(options, dispatcher, running, fromStart, cancellationToken, () => started = DateTime.UtcNow),
            TargetLabel,
            out var completed,
            () => ShowProgress($"{doing} {TargetLabel}", (int)(100 * (DateTime.UtcNow - started) / duration)));
        CompleteProgress();
        return completed ? result : null;
    }
}
