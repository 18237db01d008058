namespace AsyncIoTools.Engines.EventLoop;

/// <summary>
/// A loop's table of connection objects, indexed by slot, growing by doubling, reusing freed slots. An object
/// stays in its slot for the life of the loop, so a slot's generation only ever grows and a stale token
/// (old generation, same slot) can never match a newer connection.
/// </summary>
internal sealed class ConnectionSlots<T>
    where T : class, new()
{
    private T[] _items = new T[256];
    private bool[] _inUse = new bool[256];
    private int[] _free = new int[256];
    private int _freeCount;
    private int _used;

    public int Count { get; private set; }

    /// <summary>The object in a slot that is in use, or null.</summary>
    public T? this[int slot] => (uint)slot < (uint)_used && _inUse[slot] ? _items[slot] : null;

    public (int Slot, T Item) Allocate()
    {
        int slot;
        if (_freeCount > 0)
        {
            slot = _free[--_freeCount];
        }
        else
        {
            if (_used == _items.Length)
            {
                Array.Resize(ref _items, _items.Length * 2);
                Array.Resize(ref _inUse, _inUse.Length * 2);
                Array.Resize(ref _free, _free.Length * 2);
            }

            slot = _used++;
            _items[slot] = new T();
        }

        _inUse[slot] = true;
        Count++;
        return (slot, _items[slot]);
    }

    public void Free(int slot)
    {
        if ((uint)slot >= (uint)_used || !_inUse[slot])
        {
            throw new InvalidOperationException($"slot {slot} is not in use");
        }

        _inUse[slot] = false;
        _free[_freeCount++] = slot;
        Count--;
    }

    /// <summary>The objects in use, for closing them all at shutdown.</summary>
    public List<T> InUse()
    {
        var items = new List<T>(Count);
        for (var i = 0; i < _used; i++)
        {
            if (_inUse[i])
            {
                items.Add(_items[i]);
            }
        }

        return items;
    }
}
