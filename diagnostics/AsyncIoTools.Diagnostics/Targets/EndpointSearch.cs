namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>
/// What a look for a process's diagnostics endpoint found: its own (<paramref name="Live"/>, null if none) and the
/// sockets with its id that earlier processes left behind (<paramref name="Stale"/>).
/// </summary>
public sealed record EndpointSearch(string? Live, IReadOnlyList<string> Stale);
