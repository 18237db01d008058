namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>
/// Which process to attach to: an id, or a name that must match exactly one process. Every diagnostics options
/// record derives from this, so the CLI and the PowerShell cmdlets bind the target the same way.
/// </summary>
public abstract record TargetOptions
{
    public int? ProcessId { get; init; }

    /// <summary>A process name (as in /proc/PID/comm or the entry assembly's file name), used when no id is given.</summary>
    public string? ProcessName { get; init; }

    /// <summary>
    /// Listen on this Unix socket for an app started with <c>DOTNET_DiagnosticPorts=PATH</c> and attach before its
    /// first instruction (see <see cref="PortAttachment"/>); with <see cref="LaunchCommand"/>, the port the app gets.
    /// </summary>
    public string? DiagnosticPort { get; init; }

    /// <summary>Start this command (program and arguments) on a diagnostic port of ours and observe it from its start.</summary>
    public IReadOnlyList<string>? LaunchCommand { get; init; }

    /// <summary>The folder <see cref="LaunchCommand"/> runs in; null: ours.</summary>
    public string? LaunchDirectory { get; init; }

    /// <summary>Whether running processes are named (by id, name or user), as opposed to a diagnostic port or an app to start.</summary>
    public virtual bool NamesRunningProcesses => ProcessId is not null || ProcessName is not null;
}
