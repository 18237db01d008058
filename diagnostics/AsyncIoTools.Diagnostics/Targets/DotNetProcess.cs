namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>One row of <c>aiotools ps</c>: a process with a diagnostics endpoint.</summary>
public sealed record DotNetProcess(int ProcessId, string Name, string RuntimeVersion, string CommandLine, bool Attachable, string? Note);
