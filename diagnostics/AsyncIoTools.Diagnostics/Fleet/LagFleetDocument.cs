using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Fleet;

/// <summary>What a fleet session's JSON says at its end: one report per process (the session's own flags are exit codes).</summary>
public sealed record LagFleetDocument(IReadOnlyList<LagReport> Targets);
