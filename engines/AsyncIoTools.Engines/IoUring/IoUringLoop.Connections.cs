using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// A connection's life in the loop: receive, let the protocol answer into an output chunk (sending is in
/// IoUringLoop.Sending.cs, file bodies in IoUringLoop.Files.cs), and close only once no request on it is in flight.
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
        if (connection.Receiving || connection.Closing || connection.AnswersHeld || connection.PeerClosed || connection.CloseAfterWrite)
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
            Ring.PrepareReceive(connection.File, slab, offset, ChunkPool.OutputChunkBytes, connection.Token(IoUringTokenKind.Receive));
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

        if (connection.PendingInputLength > 0 || connection.AnswersHeld)
        {
            connection.AppendInput(data);
            if (connection.AnswersHeld)
            {
                return; // Answered once the output has room or the file body has gone.
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
        else if (connection.AnswersHeld)
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
            if (step.SplitAt > 0)
            {
                // Two writes, head then body, as the reactor does them: cut this answer where the protocol split it.
                connection.OutputCuts.Add(connection.OutputLength + step.SplitAt);
                connection.OutputCuts.Add(connection.OutputLength + step.Written);
            }

            consumed += step.Consumed;
            connection.OutputLength += step.Written;
            Counters.Requests += step.Requests;
            if (step.File is not null)
            {
                connection.Body = step.File;
            }

            if (step.CloseAfterWrite)
            {
                connection.CloseAfterWrite = true;
                connection.LingerAfterWrite = step.Rejected && !connection.PeerClosed;
                return consumed;
            }

            if (step.File is not null)
            {
                return consumed; // Nothing more is answered until this body has gone.
            }

            if ((step.Consumed == 0 && step.Written == 0) || consumed == input.Length)
            {
                return consumed;
            }
        }
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
        if (connection.Receiving || connection.Sending || connection.BodyStarted)
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
        ReleaseBody(connection);
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
