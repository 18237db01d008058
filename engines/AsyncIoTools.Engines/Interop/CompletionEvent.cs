using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// One completion dequeued from a <see cref="CompletionPort"/>: the key its handle was associated with, the
/// operation it completes (none for a posted wake-up), the bytes moved and whether it succeeded. Laid out
/// exactly like OVERLAPPED_ENTRY, so GetQueuedCompletionStatusEx writes straight into an array of these.
/// </summary>
[SupportedOSPlatform("windows")]
[StructLayout(LayoutKind.Sequential)]
internal readonly unsafe struct CompletionEvent
{
    private readonly nuint _key;
    private readonly NativeOverlapped* _overlapped;
    private readonly nuint _status;
    private readonly uint _bytes;

    public ulong Key => _key;

    public int BytesTransferred => (int)_bytes;

    /// <summary>False for a packet posted with PostQueuedCompletionStatus (a wake-up), which carries no operation.</summary>
    public bool HasOperation => _overlapped != null;

    /// <summary>The operation ended well (its NTSTATUS is a success code); otherwise it was aborted, reset, …</summary>
    public bool Succeeded => (int)(uint)_status >= 0;

    /// <summary>The operation's NTSTATUS, for messages.</summary>
    public uint Status => (uint)_status;

    /// <summary>The operation this completes, no longer pending: the caller owns it again.</summary>
    public OverlappedOperation TakeOperation() =>
        HasOperation ? OverlappedOperation.FromOverlapped(_overlapped) : throw new InvalidOperationException("a posted packet carries no operation");
}
