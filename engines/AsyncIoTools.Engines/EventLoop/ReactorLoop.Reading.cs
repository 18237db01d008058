using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>Reading: the socket into the loop's buffer, the protocol over it, and what is left kept per connection.</summary>
internal sealed partial class ReactorLoop
{
    private void OnReadable(ReactorConnection connection)
    {
        if (connection.Lingering)
        {
            DiscardInput(connection);
            return;
        }

        var buffer = _readBuffer;
        var start = 0;
        if (connection.PendingInputLength > 0)
        {
            connection.PendingInput.AsSpan(0, connection.PendingInputLength).CopyTo(buffer);
            start = connection.PendingInputLength;
            connection.ReleaseInput();
        }

        while (true)
        {
            var room = buffer.Length - start;
            var result = connection.Socket!.Receive(buffer.AsSpan(start));
            if (!result.Succeeded)
            {
                if (result.WouldBlock)
                {
                    connection.KeepInput(buffer.AsSpan(0, start));
                }
                else
                {
                    Close(connection);
                }

                return;
            }

            if (result.Value == 0)
            {
                // The peer is done sending; whatever it asked for has been answered. A partial request is dropped.
                Close(connection);
                return;
            }

            Counters.BytesIn += result.Value;
            var available = start + result.Value;
            var consumed = Drive(connection, buffer.AsSpan(0, available));
            if (connection.Socket is null || connection.Lingering)
            {
                return;
            }

            var rest = available - consumed;
            if (connection.WriteBlocked)
            {
                connection.KeepInput(buffer.AsSpan(consumed, rest));
                return;
            }

            if (rest > 0 && consumed > 0)
            {
                buffer.AsSpan(consumed, rest).CopyTo(buffer);
            }

            start = rest;
            if (start == buffer.Length)
            {
                Close(connection); // The protocol could not decide within its own limit: a protocol bug, not the peer's.
                return;
            }

            if (!_edge && result.Value < room)
            {
                // Level-triggered and the socket is drained for now: the next wait reports more, no EAGAIN read needed.
                connection.KeepInput(buffer.AsSpan(0, start));
                return;
            }
        }
    }

    /// <summary>Lets the protocol answer what <paramref name="input"/> holds; returns the bytes it consumed.</summary>
    private int Drive(ReactorConnection connection, ReadOnlySpan<byte> input)
    {
        var consumed = 0;
        while (true)
        {
            var step = _protocol.Process(input[consumed..], _writeBuffer, ref connection.ProtocolState);
            consumed += step.Consumed;
            Counters.Requests += step.Requests;
            if ((step.Written > 0 || step.File is not null) && !Respond(connection, step))
            {
                if (connection.Socket is not null)
                {
                    connection.CloseAfterWrite |= step.CloseAfterWrite;
                    connection.LingerAfterWrite |= step.Rejected;
                }

                return consumed;
            }

            if (step.CloseAfterWrite)
            {
                CloseAfterAnswer(connection, step.Rejected);
                return consumed;
            }

            if ((step.Consumed == 0 && step.Written == 0) || consumed == input.Length)
            {
                return consumed;
            }
        }
    }

    private void CloseAfterAnswer(ReactorConnection connection, bool linger)
    {
        if (!linger)
        {
            Close(connection);
            return;
        }

        _ = connection.Socket!.Shutdown(ShutdownMode.Send);
        connection.Lingering = true;
        connection.ReleaseInput();
        SetInterest(connection, IoEvents.Readable);
    }

    private void DiscardInput(ReactorConnection connection)
    {
        while (true)
        {
            var result = connection.Socket!.Receive(_readBuffer);
            if (result.WouldBlock)
            {
                return;
            }

            if (!result.Succeeded || result.Value == 0 || (connection.LingerBytes += result.Value) > LingerLimitBytes)
            {
                Close(connection);
                return;
            }

            Counters.BytesIn += result.Value;
        }
    }
}
