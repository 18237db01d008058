namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>A process that passed every check and can be attached to: who it is and where its endpoint is.</summary>
public sealed record DotNetTarget(int ProcessId, string Name, string EndpointPath, RuntimeInfo Runtime);
