using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// Memory outside the managed heap that never moves, for I/O the kernel does after the call that asked for it
/// (io_uring receives and sends): a managed array could be moved by the GC while the kernel still writes it.
/// </summary>
internal sealed unsafe class NativeBuffer : IDisposable
{
    private readonly MappedRegion _region;

    private NativeBuffer(MappedRegion region, int length)
    {
        _region = region;
        Length = length;
    }

    public int Length { get; }

    /// <summary>The whole buffer; valid until disposal.</summary>
    public Span<byte> Span => _region.IsClosed ? throw new ObjectDisposedException(nameof(NativeBuffer)) : new(_region.Pointer, Length);

    internal byte* Pointer => _region.Pointer;

    /// <summary>Allocates <paramref name="length"/> zeroed bytes (rounded up to whole pages in the mapping).</summary>
    public static NativeBuffer Allocate(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        var pages = ((nuint)length + (nuint)Environment.SystemPageSize - 1) / (nuint)Environment.SystemPageSize;
        return new NativeBuffer(MappedRegion.MapAnonymous(pages * (nuint)Environment.SystemPageSize), length);
    }

    public Span<byte> Slice(int offset, int length) => Span.Slice(offset, length);

    /// <summary>The address of byte <paramref name="offset"/>, checked against the buffer's bounds.</summary>
    internal ulong AddressOf(int offset, int length)
    {
        if ((uint)offset > (uint)Length || (uint)length > (uint)(Length - offset))
        {
            throw new ArgumentOutOfRangeException(nameof(length), $"[{offset}, {offset}+{length}) is outside a buffer of {Length} bytes");
        }

        return (ulong)(_region.Pointer + offset);
    }

    public void Dispose() => _region.Dispose();
}
