using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

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
        connection.OutputCuts?.Clear();
        SubmitSend(connection);
    }

    private void SubmitSend(IoUringConnection connection)
    {
        var slab = _chunks.Locate(connection.SendChunk, out var offset);
        var start = offset + connection.SendOffset;
        var end = connection.SendLength;
        if (connection.SendCuts is { } cuts)
        {
            foreach (var cut in cuts)
            {
                if (cut > connection.SendOffset && cut < end)
                {
                    end = cut;
                    break;
                }
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
            // A quiet send posts nothing when it sends everything; FinishQuietSends finishes it once it is submitted.
            // After a full socket or a short send the rest goes as a plain one, which waits for room.
            var quiet = _quietSends && !connection.SendRefused;
            Ring.PrepareSend(connection.File, slab, start, length, connection.Token(IoUringTokenKind.Send), more, quiet);
            if (quiet)
            {
                connection.QuietLength = length;
                connection.QuietPosition = Ring.NextSubmission - 1;
                _quiet.Enqueue((connection, connection.QuietPosition));
            }
        }

        connection.Sending = true;
        connection.InFlight++;
    }

    /// <summary>
    /// Finishes the quiet sends the kernel had consumed by <paramref name="submittedUpTo"/> (its queue position
    /// when the last enter returned) and whose completion has not come: each sent everything, since a short or
    /// refused one posted its completion inside that enter, and the completions reaped since include it. One that
    /// completed was handled by OnSent (its QuietLength is 0, or belongs to a later send of the connection).
    /// </summary>
    private void FinishQuietSends(uint submittedUpTo)
    {
        if (Ring.CompletionsOverflowed)
        {
            return; // A refusal may wait in the kernel's overflow list; the next enter brings it into the queue.
        }

        while (_quiet.TryPeek(out var quiet) && (int)(submittedUpTo - quiet.Position) > 0)
        {
            _quiet.Dequeue();
            var connection = quiet.Connection;
            if (connection.QuietLength > 0 && connection.QuietPosition == quiet.Position)
            {
                var length = connection.QuietLength;
                connection.QuietLength = 0;
                Sent(connection, length);
                FinishClosing(connection);
            }
        }
    }

    /// <summary>
    /// True when finishing a quiet send would start more work a peer may be waiting for (output gathered behind it,
    /// the rest of a split answer, a file body, a close): the loop must then not sleep in the enter that submits it.
    /// </summary>
    private bool QuietSendsAwaitFinish()
    {
        foreach (var (connection, position) in _quiet)
        {
            if (connection.QuietLength > 0 && connection.QuietPosition == position
                && (connection.OutputLength > 0 || connection.OutputFull || connection.Body is not null
                    || connection.AfterOutput != ConnectionNext.Read || connection.PeerClosed || connection.Closing
                    || connection.SendOffset + connection.QuietLength < connection.SendLength))
            {
                return true;
            }
        }

        return false;
    }

    private void OnSent(IoUringConnection connection, in IoUringCompletion completion, int zeroCopyChunk)
    {
        if (completion.IsNotification)
        {
            _chunks.Release(zeroCopyChunk);
            connection.InFlight--;
            return;
        }

        if (_zeroCopy && completion.HasMore)
        {
            connection.InFlight++; // The notification is still to come; Sent counts only the send itself back.
        }
        else if (_zeroCopy)
        {
            _chunks.Release(zeroCopyChunk); // Without HasMore a zero-copy send has no notification to come either.
        }

        if (connection.QuietLength > 0)
        {
            // A quiet send that did not send everything: the socket was full (EAGAIN) or took part of it. The rest
            // goes as a plain send, which waits for room.
            connection.QuietLength = 0;
            connection.SendRefused = true;
            if (completion.Error == IoError.WouldBlock && !connection.Closing)
            {
                connection.InFlight--;
                SubmitSend(connection);
                return;
            }
        }

        Sent(connection, completion.Succeeded ? completion.Result : -1);
    }

    /// <summary>A send (or a quiet send's part) is done: <paramref name="result"/> bytes went out; negative: it failed.</summary>
    private void Sent(IoUringConnection connection, int result)
    {
        connection.Sending = false;
        connection.InFlight--;
        if (result < 0 || connection.Closing)
        {
            ReleaseChunk(ref connection.SendChunk);
            Close(connection);
            return;
        }

        Counters.BytesOut += result;
        connection.SendOffset += result;
        if (connection.SendOffset < connection.SendLength)
        {
            connection.Machine.Progress(_now);
            SubmitSend(connection); // A partial send: the rest, from where the socket stopped taking it.
            return;
        }

        ReleaseChunk(ref connection.SendChunk);
        connection.SendRefused = false;
        if (connection.OutputFull)
        {
            connection.OutputFull = false;
            AnswerHeldInput(connection);
        }
        else
        {
            Flush(connection);
        }

        WhenOutputDone(connection);
    }

    /// <summary>Input held back (no room for output, or a file body going out) is answered now, before reading more.</summary>
    private void AnswerHeldInput(IoUringConnection connection)
    {
        if (!connection.Machine.HasHeldInput || connection.Ending)
        {
            Flush(connection);
            return;
        }

        Answer(connection, default, resume: true);
        AfterInput(connection);
    }

    /// <summary>What follows a finished send or file body: the body once its head is out, closing, lingering, or reading again.</summary>
    private void WhenOutputDone(IoUringConnection connection)
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
            if (connection.AfterOutput == ConnectionNext.Close || (connection.AfterOutput == ConnectionNext.Linger && connection.PeerClosed))
            {
                Close(connection);
                return;
            }

            if (connection.AfterOutput == ConnectionNext.Linger)
            {
                // An error answer: shut our side so it arrives whole, and read on (the machine drops what comes).
                Ring.PrepareShutdown(connection.File, ShutdownMode.Send, connection.Token(IoUringTokenKind.Shutdown));
                connection.InFlight++;
                connection.AfterOutput = ConnectionNext.Read;
            }
            else if (connection.PeerClosed)
            {
                Close(connection);
                return;
            }
        }

        StartReceiving(connection);
    }
}
