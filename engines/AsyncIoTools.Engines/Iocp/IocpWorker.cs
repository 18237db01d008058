using System.Runtime.Versioning;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Iocp;

/// <summary>
/// One worker thread of the proactor: dequeue a batch of completions, let the connection's machine act on each,
/// post the next operation.
/// Workers are interchangeable: any of them may complete any connection's operation, and since a connection has
/// one call in flight at a time, the worker holding its completion is the only one touching it. A call that
/// completes at once in skip-on-success mode queues no packet, so its result is handled here, in a loop.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed class IocpWorker : LoopWorker
{
    private const int CompletionBatch = 64;

    /// <summary>Calls of one connection finished inline in a row before it goes back in line behind the others.</summary>
    private const int InlineCompletionsPerTurn = 4;

    private readonly CompletionPortServer _server;
    private readonly int _index;
    private readonly CompletionEvent[] _completions = new CompletionEvent[CompletionBatch];
    private long _now = Environment.TickCount64;

    public IocpWorker(string threadName, int index, CompletionPortServer server)
        : base(threadName)
    {
        _index = index;
        _server = server;
    }

    public override void RequestStop() => _server.BeginStop();

    public override void Run()
    {
        _server.Acquire();
        try
        {
            foreach (var accept in _server.AcceptsOf(_index))
            {
                KeepAccepting(accept);
            }
        }
        finally
        {
            _server.Release();
        }

        while (true)
        {
            var count = _server.Port.Wait(_completions, -1);
            _now = Environment.TickCount64;
            Counters.LoopIterations++;
            Counters.EventsReturned += count;
            for (var i = 0; i < count; i++)
            {
                ref readonly var completion = ref _completions[i];
                if (!completion.HasOperation)
                {
                    if (completion.Key == CompletionKeys.Stop)
                    {
                        // Nothing is in flight any more: pass the word to the next worker and end.
                        _server.Port.Post(CompletionKeys.Stop);
                        return;
                    }

                    continue;
                }

                try
                {
                    Complete(completion);
                }
                finally
                {
                    _server.Release();
                }
            }
        }
    }

    private void Complete(in CompletionEvent completion)
    {
        switch (completion.TakeOperation())
        {
            case IocpAccept accept:
                OnAccepted(accept, completion.Succeeded);
                break;
            case IocpConnection connection:
                Follow(connection, completion.Succeeded ? OnTransferred(connection, completion.BytesTransferred) : OverlappedStart.Failed(0));
                break;
        }
    }

    private void OnAccepted(IocpAccept accept, bool succeeded)
    {
        if (!succeeded)
        {
            // Aborted by the stop, or the peer reset before we took it: either way that socket is done.
            accept.Socket?.Dispose();
            accept.Socket = null;
            KeepAccepting(accept);
            return;
        }

        var socket = accept.TakeSocket();
        KeepAccepting(accept);
        Adopt(socket);
    }

    /// <summary>Posts AcceptEx on the slot again and again while it completes at once; returns once one is pending.</summary>
    private void KeepAccepting(IocpAccept accept)
    {
        while (!_server.Stopping)
        {
            accept.Socket = OverlappedSocket.Create(_server.LocalEndPoint.AddressFamily);
            _server.Acquire();
            var start = Settle(_server.Listener.Accept(_server.Extensions, accept.Socket, accept));
            if (start.Status == OverlappedStatus.Pending)
            {
                return;
            }

            if (start.Status == OverlappedStatus.Completed)
            {
                Adopt(accept.TakeSocket());
                continue;
            }

            accept.Socket.Dispose();
            accept.Socket = null;
            if (start.Error is not (IoError.ConnectionReset or IoError.ConnectionAborted) && !_server.Stopping)
            {
                throw start.ToException("AcceptEx");
            }
        }
    }

    private void Adopt(OverlappedSocket socket)
    {
        var rules = _server.ConnectionRules;
        if (!rules.Accept.TryAdmit())
        {
            socket.Dispose();
            Counters.CountLimit(LimitReason.MaxConnections);
            return;
        }

        try
        {
            socket.UpdateAcceptContext(_server.Listener);
            _server.Port.Associate(socket, CompletionKeys.Connection);
            if (_server.SkipOnSuccess)
            {
                socket.TrySkipCompletionPortOnSuccess();
            }

            SocketTuner.Apply(_server.Tuning, socket);
        }
        catch (Win32ErrorException)
        {
            // The peer reset the connection before we could set it up, or the stop closed the listener.
            socket.Dispose();
            rules.Accept.Leave();
            return;
        }

        var connection = _server.Connections.Open(socket);
        if (connection is null)
        {
            socket.Dispose();
            rules.Accept.Leave();
            return;
        }

        connection.Machine.Open(rules, Counters, _now);
        _server.Connections.Watch(connection);
        Counters.ConnectionsAccepted++;
        Follow(connection, Receive(connection));
    }

    /// <summary>
    /// Finishes calls that completed at once until one is pending; closes the connection on a failure. A client
    /// that answers faster than our calls return (a native client against Wine does) would keep a worker on one
    /// connection for ever, so after a few turns the result is posted to the port to wait behind the others.
    /// </summary>
    private void Follow(IocpConnection connection, OverlappedStart? next)
    {
        var inline = 0;
        while (next is { Status: OverlappedStatus.Completed } completed)
        {
            if (++inline > InlineCompletionsPerTurn)
            {
                _server.Acquire();
                _server.Port.Requeue(connection, completed.Bytes, CompletionKeys.Connection);
                return;
            }

            next = OnTransferred(connection, completed.Bytes);
        }

        if (next is { Status: OverlappedStatus.Failed })
        {
            Close(connection);
        }
    }

    /// <summary>What to do after a receive or a send moved <paramref name="bytes"/>: the next call, or null once closed.</summary>
    private OverlappedStart? OnTransferred(IocpConnection connection, int bytes)
    {
        // Whichever worker completes a connection counts what its machine does.
        connection.Machine.CountInto(Counters);
        return connection.Sending ? OnSent(connection, bytes) : OnReceived(connection, bytes);
    }

    private OverlappedStart? OnReceived(IocpConnection connection, int bytes)
    {
        if (bytes == 0)
        {
            // The peer is done sending; whatever it asked for has been answered. A partial request is dropped.
            Close(connection);
            return null;
        }

        return Carry(connection, connection.Machine.Feed(connection.Received(bytes), connection.Output, _now));
    }

    private OverlappedStart? OnSent(IocpConnection connection, int bytes)
    {
        if (bytes == 0)
        {
            Close(connection);
            return null;
        }

        Counters.BytesOut += bytes;
        connection.OutputSent += bytes;
        if (connection.OutputSent < connection.OutputLength)
        {
            connection.Machine.Progress(_now);
            return Send(connection); // A partial send: the rest goes next.
        }

        connection.OutputLength = 0;
        return Then(connection, connection.AfterSend);
    }

    /// <summary>Sends what a step wrote (the next call is that send), or goes on as the machine says.</summary>
    private OverlappedStart? Carry(IocpConnection connection, ConnectionStep step)
    {
        if (step.Written == 0)
        {
            return Then(connection, step.Next);
        }

        connection.OutputSent = 0;
        connection.OutputLength = step.Written;
        connection.OutputSplit = step.SplitAt;
        connection.AfterSend = step.Next;
        return Send(connection);
    }

    /// <summary>What follows the output: read, answer held requests (pipelining), close, or linger after an error answer.</summary>
    private OverlappedStart? Then(IocpConnection connection, ConnectionNext next)
    {
        switch (next)
        {
            case ConnectionNext.Read:
                return Receive(connection);
            case ConnectionNext.Answer:
                return Carry(connection, connection.Machine.Resume(connection.Output, _now));
            case ConnectionNext.Close:
                Close(connection);
                return null;
            default:
                // The answer is on its way; the peer may still be sending. Shut our side; the machine drops what comes.
                connection.Socket!.Shutdown(ShutdownMode.Send);
                return Receive(connection);
        }
    }

    private OverlappedStart? Receive(IocpConnection connection)
    {
        connection.Sending = false;
        _server.Acquire();
        return Settle(connection.Socket!.Receive(connection, 0, connection.ReceiveBytes));
    }

    private OverlappedStart Send(IocpConnection connection)
    {
        connection.Sending = true;
        var end = connection.OutputSplit > connection.OutputSent ? connection.OutputSplit : connection.OutputLength;
        if (connection.OutputSplit <= connection.OutputSent)
        {
            connection.OutputSplit = 0;
        }

        var offset = connection.ReceiveBytes + connection.OutputSent;
        _server.Acquire();
        return Settle(connection.Socket!.Send(connection, offset, end - connection.OutputSent));
    }

    /// <summary>
    /// Accounts for a call just made (counted in flight before it): only a pending one stays in flight, and its
    /// connection must not be touched here again — another worker may be completing it already.
    /// </summary>
    private OverlappedStart Settle(OverlappedStart start)
    {
        if (start.Status != OverlappedStatus.Pending)
        {
            _server.Release();
        }

        return start;
    }

    private void Close(IocpConnection connection)
    {
        _server.Connections.Unwatch(connection);
        var socket = connection.Socket!;
        connection.Socket = null;
        socket.Dispose();
        connection.Machine.CountInto(Counters);
        connection.Machine.Close();
        _server.ConnectionRules.Accept.Leave();
        _server.Connections.Release(connection);
        Counters.ConnectionsClosed++;
    }
}
