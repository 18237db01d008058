using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>Accepting connections: batches, hand-off to other loops, tuning, and pausing when descriptors run out.</summary>
internal sealed partial class ReactorLoop
{
    private void AcceptConnections()
    {
        // Edge-triggered: accept until EAGAIN or no event will come for the rest. Level: a batch, then others' turn.
        var limit = _edge ? int.MaxValue : AcceptBatch;
        for (var i = 0; i < limit; i++)
        {
            var result = _listener!.Accept(out var socket);
            if (!result.Succeeded)
            {
                if (result.WouldBlock)
                {
                    return;
                }

                if (result.Error is IoError.TooManyOpenFiles or IoError.NoBufferSpace or IoError.OutOfMemory)
                {
                    PauseAccepting();
                    return;
                }

                continue; // ECONNABORTED and the like concern only that one connection.
            }

            if (_peers.Length > 1)
            {
                var peer = _peers[_nextPeer];
                _nextPeer = (_nextPeer + 1) % _peers.Length;
                if (peer != this)
                {
                    peer.HandOver(socket!);
                    continue;
                }
            }

            Adopt(socket!);
        }
    }

    private void Adopt(NativeSocket socket)
    {
        try
        {
            SocketTuner.Apply(_tuning, socket);
        }
        catch (ErrnoException)
        {
            // The peer reset the connection before we could configure it.
            socket.Dispose();
            return;
        }

        var (slot, connection) = _connections.Allocate();
        connection.Slot = slot;
        connection.Reset(socket);
        connection.Interest = IoEvents.Readable;
        if (!_demultiplexer.TryAdd(socket, IoEvents.Readable, connection.Token))
        {
            connection.Socket = null;
            _connections.Free(slot);
            socket.Dispose();
            Counters.ConnectionsRefused++;
            return;
        }

        Counters.ConnectionsAccepted++;
    }

    private void PauseAccepting()
    {
        // Out of descriptors: a level-triggered listener would report the same pending connection for ever.
        _demultiplexer.Modify(_listener!, IoEvents.None, ListenerToken);
        _acceptPausedUntil = Environment.TickCount64 + AcceptPauseMilliseconds;
    }

    private void ResumeAcceptingWhenDue()
    {
        if (_acceptPausedUntil != 0 && Environment.TickCount64 >= _acceptPausedUntil)
        {
            _acceptPausedUntil = 0;
            _demultiplexer.Modify(_listener!, IoEvents.Readable, ListenerToken);
        }
    }

    private int WaitTimeout() =>
        _acceptPausedUntil == 0 ? -1 : (int)Math.Clamp(_acceptPausedUntil - Environment.TickCount64, 0, AcceptPauseMilliseconds);





    private void Shutdown()
    {
        foreach (var connection in _connections.InUse())
        {
            Close(connection);
        }

        _handedOver.Close();
        _listener?.Dispose();
        _demultiplexer.Dispose();
        _sparePipes.Dispose();

        (_protocol as IDisposable)?.Dispose();
    }
}
