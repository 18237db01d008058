namespace AsyncIoTools.Failures;

/// <summary>
/// A setting a person gives, named apart from how a face spells it: the CLI writes <c>--message-size</c>, the
/// module <c>-MessageSize</c>. Validation in the core names settings with these (<see cref="AsyncIoToolsException.ForSettings"/>),
/// so that each face's error names what its user typed. Members are the PascalCase of both spellings.
/// </summary>
public enum Setting
{
    Active,
    Capture,
    Connections,
    Cooldown,
    DiagnosticPort,
    Duration,
    For,
    Interval,
    MaxDisk,
    MessageSize,
    Name,
    OldestOver,
    OutputPath,
    P99Over,
    Pipeline,
    ProcessId,
    Rate,
    RequestsPerConnection,
    SourceAddresses,
    Target,
    Threads,
    ThreadsClimb,
    Threshold,
    Timeout,
    Top,
    TraceOut,
}
