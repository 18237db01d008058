using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// Sending a connection's answers: one send in flight at a time from a chunk, partial sends resumed, split answers
/// cut into separate sends; then what comes after the output — the file body, held input, closing or reading.
/// </summary>
internal sealed partial class IoUringLoop
{
    /// <summary>Sends the gathered output unless a send is in flight (its completion sends the rest).</summary>
    private void Flush(IoUringConnection connection)
    {
        if (connection.Sending || connection.Closing)
        {
            return;
        }

        if (connection.OutputLength == 0)
        {
            ReleaseChunk(ref connection.OutputChunk); // An idle connection holds no output memory.
            return;
        }

        connection.SendChunk = connection.OutputChunk;
        connection.SendOffset = 0;
        connection.SendLength = connection.OutputLength;
        connection.OutputChunk = IoUringConnection.None;
        connection.OutputLength = 0;
        (connection.SendCuts, connection.OutputCuts) = (connection.OutputCuts, connection.SendCuts);
        connection.OutputCuts.Clear();
        SubmitSend(connection);
    }

    private void SubmitSend(IoUringConnection connection)
    {
        var slab = _chunks.Locate(connection.SendChunk, out var offset);
        var start = offset + connection.SendOffset;
        var end = connection.SendLength;
        foreach (var cut in connection.SendCuts)
        {
            if (cut > connection.SendOffset && cut < end)
            {
                end = cut;
                break;
            }
        }

        // With TCP_CORK asked for, the head of a split answer, or of a file body, says more follows (MSG_MORE).
        var more = _cork && (end < connection.SendLength || (connection.Body is not null && connection.OutputLength == 0));
        var length = end - connection.SendOffset;
        if (_zeroCopy)
        {
            // The kernel holds the chunk until the notification, even if the connection has moved on by then.
            _chunks.AddReference(connection.SendChunk);
            var token = new IoUringToken(IoUringTokenKind.SendZeroCopy, connection.Slot, (uint)connection.SendChunk).Value;
            Ring.PrepareSendZeroCopy(connection.File, slab, start, length, token, more);
        }
        else
        {
            Ring.PrepareSend(connection.File, slab, start, length, connection.Token(IoUringTokenKind.Send), more);
        }

        connection.Sending = true;
        connection.InFlight++;
    }

    private void OnSent(IoUringConnection connection, in IoUringCompletion completion, int zeroCopyChunk)
    {
        if (completion.IsNotification)
        {
            _chunks.Release(zeroCopyChunk);
            connection.InFlight--;
            return;
        }

        connection.Sending = false;
        if (!_zeroCopy || !completion.HasMore)
        {
            connection.InFlight--; // Without HasMore a zero-copy send has no notification to come either.
            if (_zeroCopy)
            {
                _chunks.Release(zeroCopyChunk);
            }
        }

        if (!completion.Succeeded || connection.Closing)
        {
            ReleaseChunk(ref connection.SendChunk);
            Close(connection);
            return;
        }

        Counters.BytesOut += completion.Result;
        connection.SendOffset += completion.Result;
        if (connection.SendOffset < connection.SendLength)
        {
            SubmitSend(connection); // A partial send: the rest, from where the socket stopped taking it.
            return;
        }

        ReleaseChunk(ref connection.SendChunk);
        if (connection.OutputFull)
        {
            connection.OutputFull = false;
            AnswerHeldInput(connection);
        }
        else
        {
            Flush(connection);
        }

        AfterOutput(connection);
    }

    /// <summary>Input held back (no room for output, or a file body going out) is answered now, before reading more.</summary>
    private void AnswerHeldInput(IoUringConnection connection)
    {
        if (connection.PendingInputLength == 0)
        {
            Flush(connection);
            return;
        }

        var consumed = Drive(connection, connection.PendingInput.AsSpan(0, connection.PendingInputLength));
        if (connection.Closing)
        {
            return;
        }

        connection.ConsumeInput(consumed);
        AfterInput(connection);
    }

    /// <summary>What follows a finished send or file body: the body once its head is out, closing, or reading again.</summary>
    private void AfterOutput(IoUringConnection connection)
    {
        if (connection.Closing)
        {
            return;
        }

        if (connection.Body is not null && !connection.BodyStarted && !connection.Sending && connection.OutputLength == 0)
        {
            StartBody(connection);
            return;
        }

        if (!connection.HasOutput && !connection.OutputFull)
        {
            if (connection.CloseAfterWrite)
            {
                CloseAfterAnswer(connection);
                return;
            }

            if (connection.PeerClosed)
            {
                Close(connection);
                return;
            }
        }

        StartReceiving(connection);
    }

    private void CloseAfterAnswer(IoUringConnection connection)
    {
        if (!connection.LingerAfterWrite)
        {
            Close(connection);
            return;
        }

        // A rejected request: shut our side so the answer arrives whole, and drop input until the peer closes.
        Ring.PrepareShutdown(connection.File, ShutdownMode.Send, connection.Token(IoUringTokenKind.Shutdown));
        connection.InFlight++;
        connection.Lingering = true;
        connection.CloseAfterWrite = false;
        connection.ReleaseInput();
        StartReceiving(connection);
    }
}
