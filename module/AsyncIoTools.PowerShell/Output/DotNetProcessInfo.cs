using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>What <c>Get-DotNetProcess</c> writes: a process with a diagnostics endpoint; its ProcessId pipes into the diagnostics cmdlets.</summary>
public sealed class DotNetProcessInfo
{
    internal DotNetProcessInfo(DotNetProcess process)
    {
        ProcessId = process.ProcessId;
        Name = process.Name;
        RuntimeVersion = process.RuntimeVersion;
        Attachable = process.Attachable;
        Note = process.Note;
        CommandLine = process.CommandLine;
    }

    public int ProcessId { get; }

    public string Name { get; }

    public string RuntimeVersion { get; }

    /// <summary>False when the process cannot be attached to; <see cref="Note"/> says why.</summary>
    public bool Attachable { get; }

    public string? Note { get; }

    public string CommandLine { get; }

    public override string ToString() => $"{Name} ({ProcessId})";
}
