using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Fleet;

/// <summary>One closed interval of one process of a fleet session: the JSON line <c>lag --watch</c> streams for it.</summary>
public sealed record LagProcessInterval(int ProcessId, string Name, LagInterval Interval);
