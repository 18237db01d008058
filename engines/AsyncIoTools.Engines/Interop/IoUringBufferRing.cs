using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// A provided-buffer ring (IORING_REGISTER_PBUF_RING): equal buffers the kernel picks from for each receive, so
/// an idle connection holds no buffer. The loop hands a buffer back with <see cref="Recycle"/> once it has used
/// the data, and publishes all it gave back with one <see cref="Publish"/> per loop iteration.
/// </summary>
internal sealed unsafe class IoUringBufferRing : IDisposable
{
    private readonly IoUringRing _ring;
    private readonly MappedRegion _entries;
    private readonly NativeBuffer _buffers;
    private readonly ushort _mask;
    private ushort _tail;
    private ushort _published;

    private IoUringBufferRing(IoUringRing ring, MappedRegion entries, NativeBuffer buffers, ushort group, int count, int bufferBytes)
    {
        _ring = ring;
        _entries = entries;
        _buffers = buffers;
        Group = group;
        Count = count;
        BufferBytes = bufferBytes;
        _mask = (ushort)(count - 1);
    }

    public ushort Group { get; }

    public int Count { get; }

    public int BufferBytes { get; }

    /// <summary>Buffers handed back since the last <see cref="Publish"/>.</summary>
    public int Unpublished => (ushort)(_tail - _published);

    internal static IoUringBufferRing Create(IoUringRing ring, ushort group, int count, int bufferBytes)
    {
        if (count < 1 || count > 32768 || (count & (count - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "a buffer ring holds a power of two of at most 32,768 buffers");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(bufferBytes, 1);
        var entries = MappedRegion.MapAnonymous((nuint)(count * sizeof(Libc.io_uring_buf)));
        NativeBuffer? buffers = null;
        try
        {
            buffers = NativeBuffer.Allocate(count * bufferBytes);
            var registration = new Libc.io_uring_buf_reg { ring_addr = (ulong)entries.Pointer, ring_entries = (uint)count, bgid = group };
            ring.Register(Libc.IORING_REGISTER_PBUF_RING, &registration, 1, "IORING_REGISTER_PBUF_RING");
            var bufferRing = new IoUringBufferRing(ring, entries, buffers, group, count, bufferBytes);
            for (var id = 0; id < count; id++)
            {
                bufferRing.Recycle((ushort)id);
            }

            bufferRing.Publish();
            return bufferRing;
        }
        catch
        {
            buffers?.Dispose();
            entries.Dispose();
            throw;
        }
    }

    /// <summary>The first <paramref name="length"/> bytes of buffer <paramref name="id"/> (as a completion named it).</summary>
    public ReadOnlySpan<byte> Read(ushort id, int length)
    {
        if (id >= Count || (uint)length > (uint)BufferBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(id), $"buffer {id} of {Count}, {length} of {BufferBytes} bytes");
        }

        return _buffers.Slice(id * BufferBytes, length);
    }

    /// <summary>Gives buffer <paramref name="id"/> back for the kernel to fill again (after <see cref="Publish"/>).</summary>
    public void Recycle(ushort id)
    {
        var entry = &((Libc.io_uring_buf*)_entries.Pointer)[_tail & _mask];
        entry->addr = _buffers.AddressOf(id * BufferBytes, BufferBytes);
        entry->len = (uint)BufferBytes;
        entry->bid = id;
        _tail++;
    }

    /// <summary>Makes the recycled buffers visible to the kernel: one release store of the ring's tail.</summary>
    public void Publish()
    {
        if (_tail == _published)
        {
            return;
        }

        // The tail overlays entry 0's resv field (offset 14), as struct io_uring_buf_ring lays it out.
        Volatile.Write(ref *(ushort*)(_entries.Pointer + 14), _tail);
        _published = _tail;
    }

    public void Dispose()
    {
        if (_entries.IsClosed)
        {
            return;
        }

        // Unregister while the ring lives; a ring already closed has dropped the registration itself.
        if (!_ring.Handle.IsClosed)
        {
            var registration = new Libc.io_uring_buf_reg { bgid = Group };
            _ = _ring.TryRegister(Libc.IORING_UNREGISTER_PBUF_RING, &registration, 1);
        }

        _entries.Dispose();
        _buffers.Dispose();
    }
}
