using System.Diagnostics;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>Opening connections: a bounded number in flight, back-off for those that fail or are refused, reconnecting what closes.</summary>
internal sealed partial class LoadWorker
{
    private void BeginConnect(LoadConnection connection, long now)
    {
        ClientSocket? socket = null;
        try
        {
            socket = ClientSocket.Create(_options.Target.AddressFamily);
            if (connection.Source is { } source)
            {
                // Pick the port at connect time, per destination: one source address then serves every port range.
                socket.BindSource(source);
            }

            if (_options.NoDelay)
            {
                socket.DisableNagle();
            }

            if (_options.FastOpen)
            {
                socket.EnableFastOpenConnect();
            }

            var result = socket.Connect(_options.Target);
            if (!result.Succeeded && result.Error != IoError.InProgress)
            {
                socket.Dispose();
                ConnectFailed(connection, now);
                return;
            }

            connection.Socket = socket;
            connection.ResetForNewSocket();
            connection.ConnectStartTicks = now;
            connection.Connecting = true;
            _generations[connection.Index]++;
            _loop.Add(socket, IoEvents.Writable, Token(connection));
            _connectsInFlight++;
        }
        catch (ErrnoException)
        {
            socket?.Dispose();
            connection.Socket = null;
            ConnectFailed(connection, now);
        }
    }

    private void FinishConnect(LoadConnection connection, long now)
    {
        _connectsInFlight--;
        connection.Connecting = false;
        if (!connection.Socket!.TakePendingError().Succeeded)
        {
            connection.Socket.Dispose();
            connection.Socket = null;
            ConnectFailed(connection, now);
            ContinueRamp(now);
            return;
        }

        connection.ConnectFailures = 0;
        connection.ConnectedTicks = now;
        _loop.Modify(connection.Socket, IoEvents.Readable, Token(connection));
        _open++;
        ContinueRamp(now);
        if (_sending && connection.Active)
        {
            StartConnection(connection, now);
        }
    }

    private void ConnectFailed(LoadConnection connection, long now)
    {
        Count(LoadErrorKind.Connect);
        if (_ramping)
        {
            _rampConnectErrors++;
        }

        // Back off 20 ms, 40 ms … up to 1 s; during the ramp give up after a few tries so the ramp can end.
        connection.ConnectFailures++;
        if (_ramping && connection.ConnectFailures >= 3)
        {
            return;
        }

        _retrying.Enqueue(connection, now + RequestSchedule.ConnectRetryDelayTicks(connection.ConnectFailures));
    }

    private void ContinueRamp(long now)
    {
        while (_nextToConnect < _connections.Length && _connectsInFlight < _options.ConnectConcurrency)
        {
            BeginConnect(_connections[_nextToConnect++], now);
        }

        CheckRampDone();
    }

    private void CheckRampDone()
    {
        if (_ramping && _nextToConnect == _connections.Length && _connectsInFlight == 0 && _retrying.Count == 0)
        {
            _ramping = false;
            _rampDone.TrySetResult();
        }
    }

    private void RetryDue(long now)
    {
        ConnectDue(_retrying, now);
        ConnectDue(_reopening, now);
        CheckRampDone();
    }

    private void ConnectDue(PriorityQueue<LoadConnection, long> waiting, long now)
    {
        // A connect that fails at once queues its connection again, due 20 ms or more from now: not this pass.
        while (waiting.TryPeek(out var connection, out var due) && due <= now)
        {
            waiting.Dequeue();
            BeginConnect(connection, now);
        }
    }

    /// <summary>
    /// Opens a closed connection again: at once, or after a back-off when the server ended it
    /// (<paramref name="byServer"/>: a close, a reset, an answer that is none) at once, before answering anything.
    /// </summary>
    private void Reconnect(LoadConnection connection, long now, bool byServer)
    {
        connection.Socket?.Dispose();
        connection.Socket = null;
        _open--;
        if (_window is { } window)
        {
            window.Reconnects++;
        }

        if (_stopping)
        {
            return;
        }

        if (byServer && RequestSchedule.ClosedAtOnce(now - connection.ConnectedTicks, connection.AnsweredOnConnection))
        {
            connection.Refusals++;
            _reopening.Enqueue(connection, now + RequestSchedule.ConnectRetryDelayTicks(connection.Refusals));
            return;
        }

        connection.Refusals = 0;
        BeginConnect(connection, now);
    }
}
