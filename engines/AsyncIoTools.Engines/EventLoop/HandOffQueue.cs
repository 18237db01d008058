using System.Collections.Concurrent;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>
/// Connections accepted by one loop and handed to another (single-acceptor mode): any thread adds and wakes the
/// owning loop; the loop takes them. Once the loop has closed the queue, whatever still arrives is closed at once,
/// since nobody else would.
/// </summary>
internal sealed class HandOffQueue
{
    private readonly ConcurrentQueue<NativeSocket> _sockets = new();
    private readonly EventSignal _wake;
    private volatile bool _closed;

    public HandOffQueue(EventSignal wake) => _wake = wake;

    /// <summary>Queues <paramref name="socket"/> for the loop and wakes it; safe from any thread.</summary>
    public void Add(NativeSocket socket)
    {
        _sockets.Enqueue(socket);
        if (_closed)
        {
            DisposeQueued();
            return;
        }

        _wake.Signal();
    }

    public bool TryTake(out NativeSocket socket) => _sockets.TryDequeue(out socket!);

    /// <summary>Called by the loop as it ends: closes what is queued now and whatever comes later.</summary>
    public void Close()
    {
        _closed = true;
        DisposeQueued();
    }

    private void DisposeQueued()
    {
        while (_sockets.TryDequeue(out var socket))
        {
            socket.Dispose();
        }
    }
}
