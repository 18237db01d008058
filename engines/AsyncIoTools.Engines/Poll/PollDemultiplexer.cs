using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Reactor;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Poll;

/// <summary>
/// poll(2): one pollfd array handed whole to the kernel on every call, then scanned whole for revents. No
/// ceiling on descriptor numbers as select has, but still O(registered) per wake-up, however few are ready.
/// </summary>
internal sealed class PollDemultiplexer : IReadinessDemultiplexer
{
    private readonly PollSet _set = new();

    // Where the next scan starts when the last one filled the caller's buffer, so that no descriptor starves.
    private int _resumeAt;

    public bool EdgeTriggered => false;

    public bool TryAdd(NativeSocket socket, IoEvents interest, ulong token)
    {
        _set.Add(socket, interest, token);
        return true;
    }

    public void AddSignal(EventSignal signal, ulong token) => _set.Add(signal, IoEvents.Readable, token);

    public void Modify(NativeSocket socket, IoEvents interest, ulong token) => _set.Modify(socket, interest, token);

    public void Remove(NativeSocket socket, ulong token) => _set.Remove(socket);

    public int Wait(Span<ReadyEvent> ready, int timeoutMilliseconds)
    {
        if (_set.Wait(timeoutMilliseconds) == 0)
        {
            return 0;
        }

        // poll says how many entries have events, not which: every entry is looked at.
        var count = _set.Count;
        var start = _resumeAt < count ? _resumeAt : 0;
        var filled = 0;
        for (var n = 0; n < count; n++)
        {
            var i = start + n < count ? start + n : start + n - count;
            var events = _set.ReturnedAt(i);
            if (events == IoEvents.None)
            {
                continue;
            }

            ready[filled++] = new ReadyEvent(events, _set.TokenAt(i));
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
        // Nothing of its own in the kernel: the array is plain memory and the sockets belong to the loop.
    }
}
