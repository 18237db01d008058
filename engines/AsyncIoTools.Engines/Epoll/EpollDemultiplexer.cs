using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Reactor;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Epoll;

/// <summary>epoll: interest kept in the kernel, only ready descriptors returned — O(ready), not O(registered).</summary>
internal sealed class EpollDemultiplexer : IReadinessDemultiplexer
{
    private readonly Interop.Epoll _epoll = Interop.Epoll.Create();
    private readonly IoEvents _mode;

    public EpollDemultiplexer(bool edgeTriggered)
    {
        EdgeTriggered = edgeTriggered;
        // Edge-triggered, the loop stops reading at a short read; a FIN that came with the data raises no later
        // event, so the event must say it came (EPOLLRDHUP) for the loop to read on to it. Level-triggered, the
        // socket stays readable after a FIN, and EPOLLRDHUP would only wake a loop that waits to write.
        _mode = edgeTriggered ? IoEvents.EdgeTriggered | IoEvents.ReadHangUp : IoEvents.None;
    }

    public bool EdgeTriggered { get; }

    public bool TryAdd(NativeSocket socket, IoEvents interest, ulong token)
    {
        _epoll.Add(socket, interest | _mode, token);
        return true;
    }

    public void AddSignal(EventSignal signal, ulong token) => _epoll.Add(signal, IoEvents.Readable, token);

    public void Modify(NativeSocket socket, IoEvents interest, ulong token) => _epoll.Modify(socket, interest | _mode, token);

    // Closing the descriptor removes it from the interest list: an EPOLL_CTL_DEL would be a wasted syscall.
    public void Remove(NativeSocket socket, ulong token)
    {
    }

    public int Wait(Span<ReadyEvent> ready, int timeoutMilliseconds) => _epoll.Wait(ready, timeoutMilliseconds);

    public void Dispose() => _epoll.Dispose();
}
