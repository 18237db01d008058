namespace AsyncIoTools.Cli.Rendering.Diagnostics;

/// <summary>What a session over several processes says before its first row: who is watched, at which interval.</summary>
public sealed record LagFleetHeader(IReadOnlyList<(int ProcessId, string Name)> Targets, TimeSpan Interval, bool Discovering);
