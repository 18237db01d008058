using System.Diagnostics;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>Pacing and sending: closed loop (the next batch when the last answer is in) or a constant-rate schedule.</summary>
internal sealed partial class LoadWorker
{
    private void BeginSending(long now)
    {
        _sending = true;
        var active = _connections.Where(c => c.Active).ToArray();
        for (var i = 0; i < active.Length; i++)
        {
            var connection = active[i];

            connection.NextDueTicks = RequestSchedule.FirstDueTicks(_sendStartTicks, _intervalTicks, i, active.Length);
            if (connection.IsConnected)
            {
                StartConnection(connection, now);
            }
        }
    }

    private void StartConnection(LoadConnection connection, long now)
    {
        if (!_rateMode)
        {
            _readyToSend.Add(connection);
        }
        else if (connection.NextDueTicks <= now)
        {
            Send(connection, 1, now, connection.NextDueTicks);
        }
        else
        {
            _schedule.Enqueue(connection, connection.NextDueTicks);
        }
    }

    private void SendReady(long now)
    {
        foreach (var connection in _readyToSend)
        {
            if (connection.IsConnected && connection.Outstanding == 0)
            {
                Send(connection, _options.Pipeline, now, now);
            }
        }

        _readyToSend.Clear();
    }

    private void SendDue(long now)
    {
        while (_schedule.TryPeek(out var connection, out var due) && due <= now)
        {
            _schedule.Dequeue();
            if (connection.IsConnected && connection.Outstanding == 0)
            {
                Send(connection, 1, now, due);
            }
        }
    }

    private void Send(LoadConnection connection, int requests, long now, long intended)
    {
        // Requests go one at a time or as a whole pipeline batch; a connection's last request asks the server to close.
        var last = _options.RequestsPerConnection > 0 && connection.AnsweredOnConnection + requests >= _options.RequestsPerConnection;
        var bytes = last ? _template.Closing : requests == 1 ? _template.Single : _pipelined;
        // Stamp the send itself, not the start of the batch of events it is part of.
        var sentAt = Stopwatch.GetTimestamp();
        for (var i = 0; i < requests; i++)
        {
            var slot = (connection.RingHead + connection.Outstanding) % connection.SendTicks.Length;
            connection.SendTicks[slot] = _options.RequestsPerConnection == 1 ? connection.ConnectStartTicks : sentAt;
            connection.IntendedTicks[slot] = intended;
            connection.Outstanding++;
        }

        _forecast.Sent(connection, connection.SendTicks[connection.RingHead]);

        if (_echo)
        {
            connection.EchoRemaining = connection.EchoRemaining == 0 ? _options.MessageBytes : connection.EchoRemaining;
        }

        var result = connection.Socket!.SendOwned(bytes);
        if (result.Succeeded && result.Value == bytes.Length)
        {
            if (_window is { } window)
            {
                window.BytesSent += bytes.Length;
            }

            return;
        }

        if (!result.Succeeded && !result.WouldBlock)
        {
            Fail(connection, LoadErrorKind.Write, now);
            return;
        }

        // The socket took part of it (large echo messages): wait for room, then send the rest.
        connection.PendingSend = bytes;
        connection.PendingSendOffset = result.Succeeded ? result.Value : 0;
        _loop.Modify(connection.Socket, IoEvents.Readable | IoEvents.Writable, Token(connection));
    }

    private void ContinueSend(LoadConnection connection)
    {
        if (connection.PendingSend is not { } pending)
        {
            return;
        }

        var result = connection.Socket!.SendOwned(pending.AsSpan(connection.PendingSendOffset));
        if (!result.Succeeded)
        {
            if (!result.WouldBlock)
            {
                Fail(connection, LoadErrorKind.Write, Stopwatch.GetTimestamp());
            }

            return;
        }

        connection.PendingSendOffset += result.Value;
        if (connection.PendingSendOffset == pending.Length)
        {
            connection.PendingSend = null;
            _loop.Modify(connection.Socket, IoEvents.Readable, Token(connection));
        }
    }
}
