using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// A loop's pool of equal chunks of native memory for requests the kernel finishes later (a receive into a
/// connection's buffer, a send of its output). Chunks are reference-counted: a zero-copy send holds its chunk
/// until the notification, even when the connection has moved on. Slabs are added as needed and kept.
/// </summary>
internal sealed class ChunkPool : IDisposable
{
    public const int ChunkBytes = 16 * 1024;
    private const int ChunksPerSlab = 64;

    private readonly List<NativeBuffer> _slabs = [];
    private readonly Stack<int> _free = new();
    private int[] _references = [];

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

    public Span<byte> Span(int chunk) => _slabs[chunk / ChunksPerSlab].Slice(chunk % ChunksPerSlab * ChunkBytes, ChunkBytes);

    /// <summary>The slab holding <paramref name="chunk"/> and the chunk's offset in it, for preparing a request.</summary>
    public NativeBuffer Locate(int chunk, out int offset)
    {
        offset = chunk % ChunksPerSlab * ChunkBytes;
        return _slabs[chunk / ChunksPerSlab];
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
        var first = _slabs.Count * ChunksPerSlab;
        _slabs.Add(NativeBuffer.Allocate(ChunksPerSlab * ChunkBytes));
        Array.Resize(ref _references, first + ChunksPerSlab);
        for (var chunk = first + ChunksPerSlab - 1; chunk >= first; chunk--)
        {
            _free.Push(chunk);
        }
    }
}
