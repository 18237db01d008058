namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// A stretch of a heap segment where ClrMD found no object (it read a method table of zero) up to the next object
/// it could find. An idle .NET 10 target kept one for seconds: 8 zeroed bytes after an array, then whole objects
/// ClrMD's own search stepped past. The walk may go on across such a stretch only when it is nothing but zeroed words
/// and whole objects of readable types that end exactly where the next object begins; then none is missed. Anything
/// else is a heap caught mid-rearrangement.
/// </summary>
internal static class HeapGap
{
    /// <summary>
    /// Longer than any allocation context (the GC hands them out in quanta of 8 KiB): a stretch this long is refused
    /// like any other unreadable one.
    /// </summary>
    public const ulong MaximumLength = 1 << 20;

    private const ulong WordSize = 8;

    private const ulong MinimumObjectSize = 3 * WordSize;

    /// <summary>Reads one pointer-sized word of target memory.</summary>
    public delegate bool ReadWord(ulong address, out ulong value);

    /// <summary>Where the next object begins after one of <paramref name="size"/> bytes: aligned, at least three words on.</summary>
    public static ulong End(ulong address, ulong size) => address + Math.Max(MinimumObjectSize, (size + WordSize - 1) & ~(WordSize - 1));

    /// <summary>
    /// Where ClrMD's walk goes on from <paramref name="address"/>: past each thread's allocation context that starts
    /// there, to its end and the filler object the GC keeps room for after it.
    /// </summary>
    /// <param name="contexts">Each allocation context's start and end.</param>
    public static ulong PastAllocationContexts(ulong address, IReadOnlyDictionary<ulong, ulong> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        for (var steps = 0; steps < contexts.Count && contexts.TryGetValue(address, out var end) && end > address; steps++)
        {
            address = End(end, 0);
        }

        return address;
    }

    /// <summary>
    /// The objects inside [start, end), in address order, when the stretch is made of zeroed words and whole objects
    /// ending exactly at <paramref name="end"/>; null when it is not.
    /// </summary>
    /// <param name="sizeOfObjectAt">An object's size in bytes when a readable type's object starts there, else null.</param>
    public static IReadOnlyList<ulong>? ObjectsAcross(ReadWord readWord, Func<ulong, ulong?> sizeOfObjectAt, ulong start, ulong end)
    {
        ArgumentNullException.ThrowIfNull(readWord);
        ArgumentNullException.ThrowIfNull(sizeOfObjectAt);
        if (end <= start || end - start > MaximumLength || (end - start) % WordSize != 0)
        {
            return null;
        }

        var objects = new List<ulong>();
        for (var address = start; address < end;)
        {
            if (!readWord(address, out var word))
            {
                return null;
            }

            if (word == 0)
            {
                address += WordSize;
                continue;
            }

            if (sizeOfObjectAt(address) is not { } size)
            {
                return null;
            }

            objects.Add(address);
            address = End(address, size);
            if (address > end)
            {
                return null;
            }
        }

        return objects;
    }
}
