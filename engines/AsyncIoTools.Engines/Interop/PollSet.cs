using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// poll(2)'s array of struct pollfd, kept dense: an entry per registered descriptor, a removal moves the last
/// entry into the hole. The whole array goes to the kernel on every call and comes back with each entry's
/// revents, which the caller scans — poll's O(n) per wake-up, without select's FD_SETSIZE ceiling.
/// </summary>
internal sealed unsafe class PollSet
{
    private Libc.pollfd[] _entries = new Libc.pollfd[64];
    private ulong[] _tokens = new ulong[64];

    // Where each descriptor sits in the array, plus one (0: absent); indexed by descriptor number, which stays here.
    private int[] _positions = new int[1024];

    /// <summary>Registered descriptors: the array's length as the kernel sees it.</summary>
    public int Count { get; private set; }

    /// <summary>Registers <paramref name="socket"/>; it must be removed before it is closed.</summary>
    public void Add(NativeSocket socket, IoEvents interest, ulong token)
    {
        ArgumentNullException.ThrowIfNull(socket);
        Add(socket.Descriptor, interest, token);
    }

    public void Add(EventSignal signal, IoEvents interest, ulong token)
    {
        ArgumentNullException.ThrowIfNull(signal);
        Add(signal.Handle.Descriptor, interest, token);
    }

    public void Modify(NativeSocket socket, IoEvents interest, ulong token)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var index = IndexOf(socket.Descriptor);
        _entries[index].events = (short)interest;
        _tokens[index] = token;
    }

    /// <summary>Forgets <paramref name="socket"/>: the last entry moves into its place.</summary>
    public void Remove(NativeSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var descriptor = socket.Descriptor;
        var index = IndexOf(descriptor);
        var last = Count - 1;
        if (index != last)
        {
            _entries[index] = _entries[last];
            _tokens[index] = _tokens[last];
            _positions[_entries[index].fd] = index + 1;
        }

        _entries[last] = default;
        _positions[descriptor] = 0;
        Count = last;
    }

    public bool Contains(NativeSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var descriptor = socket.Descriptor;
        return descriptor < _positions.Length && _positions[descriptor] != 0;
    }

    /// <summary>The token of the entry at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public ulong TokenAt(int index) => _tokens[CheckIndex(index)];

    /// <summary>What the entry at <paramref name="index"/> waits for.</summary>
    public IoEvents InterestAt(int index) => (IoEvents)(ushort)_entries[CheckIndex(index)].events;

    /// <summary>What the last <see cref="Wait"/> reported for the entry at <paramref name="index"/>; POLLNVAL reads as an error.</summary>
    public IoEvents ReturnedAt(int index)
    {
        var returned = _entries[CheckIndex(index)].revents;
        return (returned & Libc.POLLNVAL) != 0 ? IoEvents.Error : (IoEvents)(ushort)returned;
    }

    /// <summary>
    /// poll(2) over every entry, waiting up to <paramref name="timeoutMilliseconds"/> (-1: for ever). Returns how
    /// many entries have events — not which: the caller scans. Interrupted (EINTR): 0, every revents cleared.
    /// </summary>
    public int Wait(int timeoutMilliseconds)
    {
        SyscallTally.Count(SyscallKind.Wait);
        int ready;
        fixed (Libc.pollfd* entries = _entries)
        {
            ready = Libc.poll(entries, (nuint)Count, timeoutMilliseconds);
        }

        if (ready >= 0)
        {
            return ready;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno != Errno.EINTR)
        {
            throw new ErrnoException("poll", errno);
        }

        for (var i = 0; i < Count; i++)
        {
            _entries[i].revents = 0;
        }

        return 0;
    }

    private void Add(int descriptor, IoEvents interest, ulong token)
    {
        if (descriptor >= _positions.Length)
        {
            Array.Resize(ref _positions, Math.Max(_positions.Length * 2, descriptor + 1));
        }

        if (_positions[descriptor] != 0)
        {
            throw new InvalidOperationException("the descriptor is already registered");
        }

        if (Count == _entries.Length)
        {
            Array.Resize(ref _entries, _entries.Length * 2);
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _entries[Count] = new Libc.pollfd { fd = descriptor, events = (short)interest };
        _tokens[Count] = token;
        _positions[descriptor] = ++Count;
    }

    private int IndexOf(int descriptor) =>
        descriptor < _positions.Length && _positions[descriptor] is > 0 and var position
            ? position - 1
            : throw new InvalidOperationException("the descriptor is not registered");

    private int CheckIndex(int index) => (uint)index < (uint)Count ? index : throw new ArgumentOutOfRangeException(nameof(index));
}
