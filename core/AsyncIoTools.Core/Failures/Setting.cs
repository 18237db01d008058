namespace AsyncIoTools.Failures;

/// <summary>
/// A setting a person gives, named apart from how a face spells it: the CLI writes <c>--message-size</c>, the
/// module <c>-MessageSize</c>. Validation in the core names settings with these (<see cref="AsyncIoToolsException.ForSettings"/>),
/// so that each face's error names what its user typed. Members are the PascalCase of both spellings.
/// </summary>
public enum Setting
{
    Active,
    Connections,
    Duration,
    Interval,
    MessageSize,
    Name,
    Pipeline,
    ProcessId,
    Rate,
    RequestsPerConnection,
    SourceAddresses,
    Target,
    Threads,
    Threshold,
    Timeout,
    Top,
}
