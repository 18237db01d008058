using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.EventLoop;

namespace AsyncIoTools.Engines.Reactor;

/// <summary>Accepting connections: batches, hand-off to other loops, admission, tuning, and pausing when descriptors run out.</summary>
internal sealed partial class ReactorLoop
{
    private void AcceptConnections()
    {
        // Edge-triggered: accept until EAGAIN or no event will come for the rest. Level: a batch, then others' turn.
        var limit = _edge ? int.MaxValue : AcceptBatch;
        for (var i = 0; i < limit; i++)
        {
            var result = _recycler.Accept(_listener!, out var socket);
            if (!result.Succeeded)
            {
                if (result.WouldBlock)
                {
                    return;
                }

                if (AcceptPolicy.PausesFor(result.Error))
                {
                    // A level-triggered listener would report the same pending connection for ever.
                    _demultiplexer.Modify(_listener!, IoEvents.None, ListenerToken);
                    _acceptPause.Begin(_now);
                    return;
                }

                continue; // ECONNABORTED and the like concern only that one connection.
            }

            if (_handOff.Next() is { } peer && peer != this)
            {
                peer.HandOver(socket!);
                continue;
            }

            Adopt(socket!);
        }
    }

    private void Adopt(NativeSocket socket)
    {
        if (!_rules.Accept.TryAdmit())
        {
            _recycler.Close(socket);
            Counters.CountLimit(LimitReason.MaxConnections);
            return;
        }

        try
        {
            SocketTuner.Apply(_tuning, socket);
        }
        catch (ErrnoException)
        {
            // The peer reset the connection before we could configure it.
            _recycler.Close(socket);
            _rules.Accept.Leave();
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
            _recycler.Close(socket);
            _rules.Accept.Leave();
            Counters.ConnectionsRefused++;
            return;
        }

        connection.Machine.Open(_rules, Counters, _now);
        _wheel.Add(connection.Machine);
        Counters.ConnectionsAccepted++;
    }

    private void ResumeAcceptingWhenDue()
    {
        if (_acceptPause.EndsBy(_now))
        {
            _demultiplexer.Modify(_listener!, IoEvents.Readable, ListenerToken);
        }
    }

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
    }
}
