using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// Pending async calls grouped by method, from one heap snapshot: <see cref="PauseMilliseconds"/> is how long the
/// target was suspended for it.
/// </summary>
public sealed record HotspotsReport(
    DotNetTarget Target,
    double PauseMilliseconds,
    long HeapObjectsScanned,
    long PendingTotal,
    IReadOnlyList<AsyncMethodHotspot> Methods);
