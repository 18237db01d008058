using System.Diagnostics;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>Reading answers: HTTP or echo, large bodies discarded in the kernel, each answer timed and what comes next sent.</summary>
internal sealed partial class LoadWorker
{
    private void ReadResponses(LoadConnection connection, long now)
    {
        while (true)
        {
            // A body longer than the read buffer is counted, not copied: copying a 64 MiB file per request on the
            // client's one core would cap MiB/s at the client's memory bandwidth, whatever the server does.
            var discarding = !_echo && connection.InBody && connection.BodyRemaining >= _readBuffer.Length;
            var asked = discarding ? (int)Math.Min(connection.BodyRemaining, MaxDiscardBytes) : _readBuffer.Length;
            var result = discarding ? connection.Socket!.Discard(asked) : connection.Socket!.ReceiveOwned(_readBuffer);
            if (!result.Succeeded)
            {
                if (!result.WouldBlock)
                {
                    Fail(connection, LoadErrorKind.Read, now);
                }

                return;
            }

            if (result.Value == 0)
            {
                // Closed by the server: an error only if it still owed us an answer.
                if (connection.Outstanding > 0)
                {
                    Fail(connection, LoadErrorKind.Read, now);
                }
                else
                {
                    if (!connection.Active && _window is { } idleWindow)
                    {
                        idleWindow.IdleClosedByServer++;
                        idleWindow.IdleOpenTicks += now - connection.ConnectedTicks;
                    }

                    Reconnect(connection, now, byServer: true);
                }

                return;
            }

            // An answer arrives when its read returns, not when the batch of events it came in started.
            now = Stopwatch.GetTimestamp();
            if (_window is { } window)
            {
                window.BytesReceived += result.Value;
            }

            if (discarding)
            {
                connection.BodyRemaining -= result.Value;
                if (connection.BodyRemaining > 0)
                {
                    if (result.Value < asked)
                    {
                        return; // Drained for now.
                    }

                    continue;
                }

                connection.InBody = false;
                if (!OnResponse(connection, now))
                {
                    return;
                }

                continue;
            }

            var data = _readBuffer.AsSpan(0, result.Value);
            while (!data.IsEmpty)
            {
                if (connection.Outstanding == 0)
                {
                    Fail(connection, LoadErrorKind.BadResponse, now);
                    return;
                }

                var outcome = _echo ? ReadEcho(connection, data, out var used) : HttpResponseReader.Read(connection, data, out used);
                data = data[used..];
                if (outcome == ResponseOutcome.Malformed)
                {
                    Fail(connection, LoadErrorKind.BadResponse, now);
                    return;
                }

                if (outcome == ResponseOutcome.Completed && !OnResponse(connection, now))
                {
                    return;
                }
            }

            if (result.Value < _readBuffer.Length)
            {
                return; // Drained for now; the next wait reports more.
            }
        }
    }

    private ResponseOutcome ReadEcho(LoadConnection connection, ReadOnlySpan<byte> data, out int used)
    {
        used = (int)Math.Min(connection.EchoRemaining, data.Length);
        connection.EchoRemaining -= used;
        if (connection.EchoRemaining > 0)
        {
            return ResponseOutcome.NeedMore;
        }

        connection.Status = 200;
        connection.EchoRemaining = connection.Outstanding > 1 ? _options.MessageBytes : 0;
        return ResponseOutcome.Completed;
    }

    /// <summary>Records an answer and sends what comes next; false if the connection was closed meanwhile.</summary>
    private bool OnResponse(LoadConnection connection, long now)
    {
        var slot = connection.RingHead;
        connection.RingHead = (slot + 1) % connection.SendTicks.Length;
        connection.Outstanding--;
        connection.AnsweredOnConnection++;
        _forecast.Answered(now - connection.SendTicks[slot]);
        if (_window is { } window)
        {
            window.Requests++;
            window.Latency.Record((long)((now - connection.SendTicks[slot]) * NanosPerTick));
            if (_rateMode)
            {
                window.CorrectedLatency.Record((long)((now - connection.IntendedTicks[slot]) * NanosPerTick));
            }

            if (connection.Status is < 200 or > 299)
            {
                window.Errors[(int)LoadErrorKind.Status]++;
            }
        }

        if (connection.ServerCloses || (_options.RequestsPerConnection > 0 && connection.AnsweredOnConnection >= _options.RequestsPerConnection))
        {
            if (connection.Outstanding == 0)
            {
                Reconnect(connection, now, byServer: false);
                return false;
            }

            return true;
        }

        if (!_sending || !connection.Active)
        {
            return true;
        }

        if (!_rateMode)
        {
            // Closed loop, as wrk: a connection sends its next batch when the last answer of this one is in.
            if (connection.Outstanding == 0)
            {
                _readyToSend.Add(connection);
            }
        }
        else
        {
            connection.NextDueTicks += _intervalTicks;
            StartConnection(connection, now);
        }

        // A send that failed closes the connection, and may already have begun opening it again: nothing more to read.
        return connection.IsConnected;
    }
}
