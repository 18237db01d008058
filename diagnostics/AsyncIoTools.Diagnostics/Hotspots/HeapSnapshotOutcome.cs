using AsyncIoTools.Failures;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// What the heap-snapshot helper answers on its last line: the walk's figures, or the expected failure that stopped
/// it (<see cref="Failure"/> set, with a one-line <see cref="Message"/>).
/// </summary>
internal sealed record HeapSnapshotOutcome(
    double PauseMilliseconds,
    long Scanned,
    long Pending,
    IReadOnlyList<AsyncMethodHotspot> Methods,
    FailureKind? Failure = null,
    string? Message = null)
{
    public static HeapSnapshotOutcome Failed(FailureKind kind, string message) => new(0, 0, 0, [], kind, message);
}
