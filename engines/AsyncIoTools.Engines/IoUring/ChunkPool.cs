using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// A loop's pool of equal chunks of native memory for requests the kernel finishes later (a receive into a
/// connection's buffer, a send of its output, a read of a file body). Chunks are reference-counted: a zero-copy
/// send holds its chunk until the notification, even when the connection has moved on. Slabs are added as
/// needed and kept.
/// </summary>
internal sealed class ChunkPool(int chunkBytes, int chunksPerSlab) : IDisposable
{
    /// <summary>The size of the chunks of a loop's output and receive pool.</summary>
    public const int OutputChunkBytes = 16 * 1024;

    private readonly List<NativeBuffer> _slabs = [];
    private readonly Stack<int> _free = new();
    private int[] _references = [];

    public int ChunkBytes => chunkBytes;

    public int InUse { get; private set; }

    public int Rent()
    {
        if (_free.Count == 0)
        {
            Grow();
        }

        var chunk = _free.Pop();
        _references[chunk] = 1;
        InUse++;
        return chunk;
    }

    public void AddReference(int chunk) => _references[chunk]++;

    public void Release(int chunk)
    {
        if (_references[chunk] <= 0)
        {
            throw new InvalidOperationException($"chunk {chunk} released more often than it was held");
        }

        if (--_references[chunk] == 0)
        {
            _free.Push(chunk);
            InUse--;
        }
    }

    public Span<byte> Span(int chunk) => _slabs[chunk / chunksPerSlab].Slice(chunk % chunksPerSlab * chunkBytes, chunkBytes);

    /// <summary>The slab holding <paramref name="chunk"/> and the chunk's offset in it, for preparing a request.</summary>
    public NativeBuffer Locate(int chunk, out int offset)
    {
        offset = chunk % chunksPerSlab * chunkBytes;
        return _slabs[chunk / chunksPerSlab];
    }

    public void Dispose()
    {
        foreach (var slab in _slabs)
        {
            slab.Dispose();
        }

        _slabs.Clear();
    }

    private void Grow()
    {
        var first = _slabs.Count * chunksPerSlab;
        _slabs.Add(NativeBuffer.Allocate(chunksPerSlab * chunkBytes));
        Array.Resize(ref _references, first + chunksPerSlab);
        for (var chunk = first + chunksPerSlab - 1; chunk >= first; chunk--)
        {
            _free.Push(chunk);
        }
    }
}
