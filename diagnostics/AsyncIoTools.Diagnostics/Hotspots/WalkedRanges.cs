namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// The stretches of memory a heap walk got through: from each segment's start to the end of the last object it
/// reached. A root whose object lies outside all of them points at part of the heap the walk never saw.
/// </summary>
internal sealed class WalkedRanges
{
    private readonly List<(ulong Start, ulong End)> _ranges = [];
    private bool _sorted = true;

    public void Add(ulong start, ulong end)
    {
        if (end <= start)
        {
            return;
        }

        _sorted = _sorted && (_ranges.Count == 0 || _ranges[^1].Start <= start);
        _ranges.Add((start, end));
    }

    public bool Contains(ulong address)
    {
        if (!_sorted)
        {
            _ranges.Sort();
            _sorted = true;
        }

        // The last range starting at or before the address: segments do not overlap.
        int low = 0, high = _ranges.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (_ranges[middle].Start <= address)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found >= 0 && address < _ranges[found].End;
    }
}
