using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// What an overlapped call (AcceptEx, WSARecv, WSASend) returned: pending, completed at once with a byte count,
/// or failed at once with a Winsock error. Only <see cref="OverlappedStatus.Pending"/> leaves the operation with
/// the kernel; after it the caller must not touch the operation until its completion is dequeued.
/// </summary>
internal readonly struct OverlappedStart
{
    private readonly int _error;

    private OverlappedStart(OverlappedStatus status, int bytes, int error)
    {
        Status = status;
        Bytes = bytes;
        _error = error;
    }

    public OverlappedStatus Status { get; }

    /// <summary>Bytes transferred by a call that completed at once.</summary>
    public int Bytes { get; }

    public IoError Error => Win32Error.ToIoError(_error);

    /// <summary>The Winsock error's name (for messages and logs).</summary>
    public string ErrorName => Win32Error.NameOf(_error);

    internal static OverlappedStart Pending { get; } = new(OverlappedStatus.Pending, 0, 0);

    internal static OverlappedStart Completed(int bytes) => new(OverlappedStatus.Completed, bytes, 0);

    internal static OverlappedStart Failed(int error) => new(OverlappedStatus.Failed, 0, error);

    /// <summary>An exception naming <paramref name="function"/> and the Winsock error; only for failed starts.</summary>
    public Win32ErrorException ToException(string function) => new(function, _error);

    public override string ToString() => Status switch
    {
        OverlappedStatus.Completed => $"completed({Bytes})",
        OverlappedStatus.Failed => ErrorName,
        _ => "pending",
    };
}
