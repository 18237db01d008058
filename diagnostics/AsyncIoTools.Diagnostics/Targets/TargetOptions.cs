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
}
