using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Reactor;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Select;

/// <summary>
/// select(2): interest lives in user space and is copied into fresh fd_set bitmaps for every call; the kernel
/// walks every bit up to the highest descriptor, and afterwards every registration is tested for a result bit.
/// Both walks are O(registered), however few are ready: that cost is the lesson, so it is kept as it is.
/// </summary>
internal sealed class SelectDemultiplexer : IReadinessDemultiplexer
{
    private readonly DescriptorSet _read = new();
    private readonly DescriptorSet _write = new();
    private readonly Dictionary<ulong, int> _indexByToken = [];
    private Registration[] _registrations = new Registration[64];
    private int _count;

    // Where the next scan starts when the last one filled the caller's buffer, so that no descriptor starves.
    private int _resumeAt;

    public bool EdgeTriggered => false;

    public bool TryAdd(NativeSocket socket, IoEvents interest, ulong token)
    {
        if (!DescriptorSet.CanHold(socket))
        {
            return false;
        }

        Register(new Registration(socket, null, interest, token));
        return true;
    }

    public void AddSignal(EventSignal signal, ulong token)
    {
        var probe = new DescriptorSet();
        if (!probe.TryAdd(signal))
        {
            throw new InvalidOperationException($"the loop's wake-up descriptor is numbered past FD_SETSIZE ({DescriptorSet.Capacity}): select cannot watch it");
        }

        Register(new Registration(null, signal, IoEvents.Readable, token));
    }

    public void Modify(NativeSocket socket, IoEvents interest, ulong token)
    {
        var index = _indexByToken[token];
        _registrations[index].Interest = interest;
    }

    public void Remove(NativeSocket socket, ulong token)
    {
        if (!_indexByToken.Remove(token, out var index))
        {
            return;
        }

        var last = --_count;
        if (index != last)
        {
            _registrations[index] = _registrations[last];
            _indexByToken[_registrations[index].Token] = index;
        }

        _registrations[last] = default;
    }

    public int Wait(Span<ReadyEvent> ready, int timeoutMilliseconds)
    {
        // select overwrites its sets with the result: the interest is rebuilt bit by bit before every call.
        _read.Clear();
        _write.Clear();
        for (var i = 0; i < _count; i++)
        {
            ref var registration = ref _registrations[i];
            if ((registration.Interest & IoEvents.Readable) != 0)
            {
                registration.AddTo(_read);
            }

            if ((registration.Interest & IoEvents.Writable) != 0)
            {
                registration.AddTo(_write);
            }
        }

        if (DescriptorSet.Select(_read, _write, null, timeoutMilliseconds) == 0)
        {
            return 0;
        }

        // select says how many bits are set, not which: every registration is tested.
        var filled = 0;
        var start = _resumeAt < _count ? _resumeAt : 0;
        for (var n = 0; n < _count; n++)
        {
            var i = start + n < _count ? start + n : start + n - _count;
            ref var registration = ref _registrations[i];
            var events = (registration.IsIn(_read) ? IoEvents.Readable : IoEvents.None)
                | (registration.IsIn(_write) ? IoEvents.Writable : IoEvents.None);
            if (events == IoEvents.None)
            {
                continue;
            }

            ready[filled++] = new ReadyEvent(events, registration.Token);
            if (filled == ready.Length)
            {
                _resumeAt = i + 1;
                break;
            }
        }

        return filled;
    }

    public void Dispose()
    {
        // Nothing of its own in the kernel: the sockets belong to the loop, the sets are plain memory.
    }

    private void Register(Registration registration)
    {
        if (_count == _registrations.Length)
        {
            Array.Resize(ref _registrations, _count * 2);
        }

        _indexByToken.Add(registration.Token, _count);
        _registrations[_count++] = registration;
    }

    private struct Registration(NativeSocket? socket, EventSignal? signal, IoEvents interest, ulong token)
    {
        public IoEvents Interest = interest;

        public readonly ulong Token => token;

        public readonly void AddTo(DescriptorSet set) => _ = socket is not null ? set.TryAdd(socket) : set.TryAdd(signal!);

        public readonly bool IsIn(DescriptorSet set) => socket is not null ? set.Contains(socket) : set.Contains(signal!);
    }
}
