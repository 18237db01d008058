namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>The oldest runtime a command can work with, and why: the reason goes into the error message.</summary>
public sealed record RuntimeRequirement(string Command, Version Minimum, string Reason)
{
    /// <summary>
    /// Lag reads ThreadPoolEnqueueWork/DequeueWork on a session without a stack walk per event (CollectTracing3);
    /// a .NET 8.0.31 runtime answered that command with "Command is not supported", so .NET 9 is the floor.
    /// </summary>
    public static RuntimeRequirement Lag { get; } = new("lag", new Version(9, 0), "it needs EventPipe sessions without a stack walk per event (.NET 9 and later)");

    /// <summary>Blocking reads WaitHandleWaitStart/Stop, which the runtime emits from .NET 9 on.</summary>
    public static RuntimeRequirement Blocking { get; } = new("blocking", new Version(9, 0), "it needs the WaitHandleWait events (.NET 9 and later)");

    /// <summary>Hotspots walks async state-machine boxes with ClrMD, and needs ProcessInfo2 to know the runtime.</summary>
    public static RuntimeRequirement Hotspots { get; } = new("hotspots", new Version(6, 0), "it reads the runtime version over the diagnostics port (.NET 6 and later)");
}
