using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// One overlapped operation slot: an OVERLAPPED and a data buffer in native memory, which the garbage collector
/// never moves or frees, reused for one operation after another. The OVERLAPPED carries a handle to this object,
/// so a dequeued completion leads back to it (<see cref="CompletionEvent.TakeOperation"/>). Engines derive their
/// per-connection or per-accept context from it. While an operation is pending the kernel owns the memory:
/// <see cref="Dispose"/> then leaves it allocated rather than let the kernel write into freed memory.
/// </summary>
[SupportedOSPlatform("windows")]
internal abstract unsafe class OverlappedOperation : IDisposable
{
    private readonly Block* _block;
    private readonly byte* _buffer;
    private GCHandle _self;
    private volatile bool _pending;

    protected OverlappedOperation(int bufferBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferBytes);
        BufferLength = bufferBytes;
        _block = (Block*)NativeMemory.AllocZeroed((nuint)sizeof(Block));
        _buffer = (byte*)NativeMemory.Alloc((nuint)bufferBytes);
        _self = GCHandle.Alloc(this);
        _block->Owner = GCHandle.ToIntPtr(_self);
    }

    /// <summary>The operation's data buffer (received bytes, bytes to send, accepted addresses).</summary>
    public Span<byte> Buffer => new(_buffer, BufferLength);

    public int BufferLength { get; }

    /// <summary>True from the call that started an operation until its completion is taken from the port.</summary>
    public bool IsPending => _pending;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_pending || !_self.IsAllocated)
        {
            // The kernel may still write into this memory: leaking it is the only safe choice.
            return;
        }

        _self.Free();
        NativeMemory.Free(_buffer);
        NativeMemory.Free(_block);
    }

    /// <summary>Readies the OVERLAPPED for a new call on <paramref name="offset"/>..+<paramref name="count"/> of the buffer.</summary>
    internal NativeOverlapped* Begin(int offset, int count)
    {
        if (_pending)
        {
            throw new InvalidOperationException("an overlapped operation is already pending on this slot");
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)offset + (uint)count, (uint)BufferLength, nameof(count));
        _block->Overlapped = default;
        _block->Flags = 0;
        _block->Data = new Ws2_32.WSABUF { buf = _buffer + offset, len = (uint)count };
        _pending = true;
        return &_block->Overlapped;
    }

    /// <summary>Marks the operation pending again for a result posted to the port by hand.</summary>
    internal NativeOverlapped* Requeue()
    {
        if (_pending)
        {
            throw new InvalidOperationException("an overlapped operation is already pending on this slot");
        }

        _pending = true;
        return &_block->Overlapped;
    }

    internal void FailRequeue() => _pending = false;

    internal Ws2_32.WSABUF* DataBuffer => &_block->Data;

    internal uint* Flags => &_block->Flags;

    internal byte* BufferPointer => _buffer;

    internal NativeOverlapped* Overlapped => &_block->Overlapped;

    /// <summary>
    /// Interprets the return of the call that <see cref="Begin"/> readied. A pending call is left alone: its
    /// completion may already be running on another thread. Success without a packet (skip-on-success mode) and
    /// an immediate failure give the operation back to the caller.
    /// </summary>
    internal OverlappedStart End(bool succeeded, uint bytes, int error, bool skipsCompletionOnSuccess)
    {
        if (succeeded ? !skipsCompletionOnSuccess : error == Win32Error.WSA_IO_PENDING)
        {
            return OverlappedStart.Pending;
        }

        _pending = false;
        return succeeded ? OverlappedStart.Completed((int)bytes) : OverlappedStart.Failed(error);
    }

    /// <summary>The operation whose OVERLAPPED a completion carries, given back to its owner.</summary>
    internal static OverlappedOperation FromOverlapped(NativeOverlapped* overlapped)
    {
        var owner = ((Block*)overlapped)->Owner;
        var operation = (OverlappedOperation)GCHandle.FromIntPtr(owner).Target!;
        operation._pending = false;
        return operation;
    }

    // The OVERLAPPED comes first so that the kernel's pointer to it is a pointer to the whole block.
    [StructLayout(LayoutKind.Sequential)]
    private struct Block
    {
        public NativeOverlapped Overlapped;
        public nint Owner;
        public Ws2_32.WSABUF Data;
        public uint Flags;
    }
}
