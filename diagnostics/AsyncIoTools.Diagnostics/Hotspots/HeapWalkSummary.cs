using System.Globalization;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// What one walk of a suspended heap reached, and whether that was the whole heap. A heap caught while the GC
/// rearranges it can pass ClrMD's <c>CanWalkHeap</c> and still be read in part; each check here refuses one way that
/// was seen, and the snapshot then tries again.
/// </summary>
/// <param name="Scanned">Every object visited.</param>
/// <param name="SmallObjectsScanned">Those in Gen0, Gen1, Gen2 or ephemeral segments (regions).</param>
/// <param name="Coverage">The share of the segments' object ranges the walk got through.</param>
/// <param name="CorruptObject">Where the walk met an object of no readable type; null when it met none.</param>
/// <param name="RootsChecked">Objects of strong handles and of pinned objects' references, looked for in what was walked.</param>
/// <param name="RootsOutside">Those of them outside every stretch the walk got through.</param>
internal readonly record struct HeapWalkSummary(long Scanned, long SmallObjectsScanned, double Coverage, string? CorruptObject, long RootsChecked, long RootsOutside)
{
    /// <summary>
    /// Less than this share of the heap walked means the walk was cut short. A whole walk misses only the allocation
    /// contexts at segments' ends (kilobytes each); the cut-short walks seen stopped after thousands of objects.
    /// </summary>
    public const double MinimumCoverage = 0.5;

    /// <summary>
    /// Why this walk is not the whole heap; null when it is. Said alike on every try that fails the same way (no
    /// counts in it): a snapshot that gives up counts its refusals by text.
    /// </summary>
    public string? Refusal
    {
        get
        {
            if (CorruptObject is not null)
            {
                return $"an object of no readable type ({CorruptObject})";
            }

            // A running .NET process always has small objects (its threads, its strings): none reached is a segment
            // list read mid-rearrangement, even if the segments it did list were walked whole.
            if (SmallObjectsScanned == 0)
            {
                return "a walk that reached no small object";
            }

            if (Coverage < MinimumCoverage)
            {
                return string.Create(CultureInfo.InvariantCulture, $"a walk through {Coverage:P0} of the heap");
            }

            // A live object the walk never passed: the segments listed were not the whole heap. Under load a walk
            // of a small target reached 1,018-1,188 objects (its frozen string literals, about 870, and a young
            // region) and missed every pending call, while covering all the bytes it was shown: the region of older
            // objects was missing or shortened. Leaving that region out by hand gives the same walk, with half of
            // the ~515 rooted objects outside it.
            return RootsOutside > 0 ? "rooted objects outside the walked heap" : null;
        }
    }
}
