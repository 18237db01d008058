using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// A connection's life in the loop: receive, let the protocol answer into an output chunk, send it (one send in
/// flight at a time, partial sends resumed), and close only once no request on it is in flight.
/// </summary>
internal sealed partial class IoUringLoop
{
    private const long LingerLimitBytes = 1 << 20;

    private static readonly ulong s_closeToken = new IoUringToken(IoUringTokenKind.Close, 0, 0).Value;

    private int _closesInFlight;

    private void Adopt(NativeSocket? socket, IoUringFile file)
    {
        if (socket is not null && !TryApplyOptions(socket))
        {
            socket.Dispose(); // The peer reset the connection before we could configure it.
            return;
        }

        var (slot, connection) = _connections.Allocate();
        connection.Slot = slot;
        if (slot > IoUringToken.MaxSlot)
        {
            _connections.Free(slot);
            CloseUnadopted(socket, file);
            Counters.ConnectionsRefused++;
            return;
        }

        connection.Reset(socket, file);
        Counters.ConnectionsAccepted++;
        if (socket is null)
        {
            // A fixed file has no descriptor for setsockopt: the ring sets the options, before the first receive.
            foreach (var (option, value) in _options)
            {
                Ring.PrepareSetOption(file, option, value, connection.Token(IoUringTokenKind.SetOption));
                connection.InFlight++;
            }
        }

        StartReceiving(connection);
    }

    private bool TryApplyOptions(NativeSocket socket)
    {
        try
        {
            foreach (var (option, value) in _options)
            {
                socket.SetOption(option, value);
            }

            return true;
        }
        catch (ErrnoException)
        {
            return false;
        }
    }

    private void CloseUnadopted(NativeSocket? socket, IoUringFile file)
    {
        _closesInFlight++;
        if (socket is not null)
        {
            Ring.PrepareClose(socket, s_closeToken);
        }
        else
        {
            Ring.PrepareCloseFixed(file, s_closeToken);
        }
    }

    /// <summary>Arms a receive unless one is armed or the connection must not read now.</summary>
    private void StartReceiving(IoUringConnection connection)
    {
        if (connection.Receiving || connection.Closing || connection.OutputFull || connection.PeerClosed || connection.CloseAfterWrite)
        {
            return;
        }

        if (_multishotReceive)
        {
            Ring.PrepareMultishotReceive(connection.File, _buffers!, connection.Token(IoUringTokenKind.Receive));
        }
        else
        {
            if (connection.ReceiveChunk == IoUringConnection.None)
            {
                connection.ReceiveChunk = _chunks.Rent();
            }

            var slab = _chunks.Locate(connection.ReceiveChunk, out var offset);
            Ring.PrepareReceive(connection.File, slab, offset, ChunkPool.ChunkBytes, connection.Token(IoUringTokenKind.Receive));
        }

        connection.Receiving = true;
        connection.InFlight++;
    }

    /// <summary>Stops a multishot receive while the connection cannot take input; a single-shot one delivers at most once more.</summary>
    private void StopReceiving(IoUringConnection connection)
    {
        if (_multishotReceive && connection.Receiving && !connection.ReceiveCanceling)
        {
            Ring.PrepareCancel(connection.Token(IoUringTokenKind.Receive), connection.Token(IoUringTokenKind.Cancel));
            connection.ReceiveCanceling = true;
            connection.InFlight++;
        }
    }

    private void OnReceived(IoUringConnection connection, in IoUringCompletion completion)
    {
        var last = !_multishotReceive || !completion.HasMore;
        if (last)
        {
            connection.Receiving = false;
            connection.ReceiveCanceling = false;
            connection.InFlight--;
        }

        if (completion.Result > 0)
        {
            if (_multishotReceive)
            {
                Consume(connection, _buffers!.Read(completion.BufferId, completion.Result));
                _buffers.Recycle(completion.BufferId);
            }
            else
            {
                Consume(connection, _chunks.Span(connection.ReceiveChunk)[..completion.Result]);
            }
        }
        else if (completion.Result == 0)
        {
            OnPeerClosed(connection);
        }
        else if (completion.Error is not (IoError.Canceled or IoError.NoBufferSpace))
        {
            Close(connection); // ENOBUFS: the buffer ring ran dry; buffers come back before the receive is armed again.
        }

        if (last)
        {
            StartReceiving(connection);
        }
    }

    private void OnPeerClosed(IoUringConnection connection)
    {
        // The peer is done sending: answer what it asked for, then close. A partial request is dropped.
        connection.PeerClosed = true;
        connection.LingerAfterWrite = false;
        if (connection.Lingering || (!connection.HasOutput && !connection.OutputFull))
        {
            Close(connection);
        }
    }

    private void Consume(IoUringConnection connection, ReadOnlySpan<byte> data)
    {
        Counters.BytesIn += data.Length;
        if (connection.Lingering)
        {
            if ((connection.LingerBytes += data.Length) > LingerLimitBytes)
            {
                Close(connection);
            }

            return;
        }

        if (connection.Closing || connection.CloseAfterWrite)
        {
            return; // After an answer that closes the connection, the rest is not read.
        }

        if (connection.PendingInputLength > 0 || connection.OutputFull)
        {
            connection.AppendInput(data);
            if (connection.OutputFull)
            {
                return;
            }

            var consumed = Drive(connection, connection.PendingInput.AsSpan(0, connection.PendingInputLength));
            if (connection.Closing)
            {
                return;
            }

            connection.ConsumeInput(consumed);
        }
        else
        {
            var consumed = Drive(connection, data);
            if (consumed < data.Length)
            {
                connection.AppendInput(data[consumed..]);
            }
        }

        AfterInput(connection);
    }

    /// <summary>What follows the protocol's answers: drop, hold or check the rest of the input, then send.</summary>
    private void AfterInput(IoUringConnection connection)
    {
        if (connection.CloseAfterWrite)
        {
            connection.ReleaseInput();
        }
        else if (connection.OutputFull)
        {
            StopReceiving(connection);
        }
        else if (connection.PendingInputLength > _protocol.MaxPendingInput)
        {
            Close(connection); // The protocol could not decide within its own limit: a protocol bug, not the peer's.
            return;
        }

        Flush(connection);
    }

    /// <summary>Lets the protocol answer what <paramref name="input"/> holds into the output chunk; returns the bytes consumed.</summary>
    private int Drive(IoUringConnection connection, ReadOnlySpan<byte> input)
    {
        var consumed = 0;
        while (true)
        {
            if (connection.OutputChunk == IoUringConnection.None)
            {
                connection.OutputChunk = _chunks.Rent();
                connection.OutputLength = 0;
            }

            var space = _chunks.Span(connection.OutputChunk)[connection.OutputLength..];
            if (space.Length < ServerProtocol.MinimumOutputSpace)
            {
                if (!connection.Sending)
                {
                    Flush(connection); // Send what is gathered and go on in a fresh chunk.
                    continue;
                }

                connection.OutputFull = true;
                return consumed;
            }

            var step = _protocol.Process(input[consumed..], space, ref connection.ProtocolState);
            if (step.File is not null)
            {
                // The registry refuses the file protocol for this engine (it declares no transfer); never leak one.
                step.File.Dispose();
                throw new InvalidOperationException("the io_uring engine does not send file bodies");
            }

            if (step.SplitAt > 0)
            {
                // Two writes, head then body, as the reactor does them: cut this answer where the protocol split it.
                connection.OutputCuts.Add(connection.OutputLength + step.SplitAt);
                connection.OutputCuts.Add(connection.OutputLength + step.Written);
            }

            consumed += step.Consumed;
            connection.OutputLength += step.Written;
            Counters.Requests += step.Requests;
            if (step.CloseAfterWrite)
            {
                connection.CloseAfterWrite = true;
                connection.LingerAfterWrite = step.Rejected && !connection.PeerClosed;
                return consumed;
            }

            if ((step.Consumed == 0 && step.Written == 0) || consumed == input.Length)
            {
                return consumed;
            }
        }
    }

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

        // With TCP_CORK asked for, the head of a split answer says more follows (MSG_MORE, cork for one send).
        var more = _cork && end < connection.SendLength;
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
            // Input held back while the output had no room is answered now, before reading more.
            connection.OutputFull = false;
            var consumed = Drive(connection, connection.PendingInput.AsSpan(0, connection.PendingInputLength));
            if (connection.Closing)
            {
                return;
            }

            connection.ConsumeInput(consumed);
            AfterInput(connection);
        }
        else
        {
            Flush(connection);
        }

        if (!connection.Closing && !connection.HasOutput && !connection.OutputFull)
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

    /// <summary>Starts closing: cancels what is in flight; <see cref="FinishClosing"/> closes once all has come back.</summary>
    private void Close(IoUringConnection connection)
    {
        if (connection.Closing)
        {
            return;
        }

        connection.Closing = true;
        connection.ReleaseInput();
        if (connection.Receiving || connection.Sending)
        {
            // A request in flight holds the socket open; only its completion lets the close really close it.
            Ring.PrepareCancel(connection.File, connection.Token(IoUringTokenKind.Cancel));
            connection.InFlight++;
        }
    }

    private void FinishClosing(IoUringConnection connection)
    {
        if (!connection.Closing || connection.InFlight > 0 || _connections[connection.Slot] != connection)
        {
            return;
        }

        CloseUnadopted(connection.Socket, connection.File);
        connection.Socket = null;
        ReleaseChunk(ref connection.ReceiveChunk);
        ReleaseChunk(ref connection.OutputChunk);
        ReleaseChunk(ref connection.SendChunk);
        _connections.Free(connection.Slot);
        Counters.ConnectionsClosed++;
    }

    private void ReleaseChunk(ref int chunk)
    {
        if (chunk != IoUringConnection.None)
        {
            _chunks.Release(chunk);
            chunk = IoUringConnection.None;
        }
    }
}
