using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// A connection's life in the loop: receive, let its machine answer into an output chunk (sending is in
/// IoUringLoop.Sending.cs, file bodies in IoUringLoop.Files.cs), and close only once no request on it is in flight.
/// </summary>
internal sealed partial class IoUringLoop
{
    private static readonly ulong s_closeToken = new IoUringToken(IoUringTokenKind.Close, 0, 0).Value;

    private int _closesInFlight;

    private void Adopt(NativeSocket? socket, IoUringFile file)
    {
        if (!_rules.Accept.TryAdmit())
        {
            CloseUnadopted(socket, file);
            Counters.CountLimit(LimitReason.MaxConnections);
            return;
        }

        if (socket is not null && !TryApplyOptions(socket))
        {
            _recycler.Close(socket); // The peer reset the connection before we could configure it.
            _rules.Accept.Leave();
            return;
        }

        var (slot, connection) = _connections.Allocate();
        connection.Slot = slot;
        if (slot > IoUringToken.MaxSlot)
        {
            _connections.Free(slot);
            CloseUnadopted(socket, file);
            _rules.Accept.Leave();
            Counters.ConnectionsRefused++;
            return;
        }

        connection.Reset(socket, file);
        connection.Machine.Open(_rules, Counters, _now);
        _wheel.Add(connection.Machine);
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
            _recycler.Keep(socket);
        }
        else
        {
            Ring.PrepareCloseFixed(file, s_closeToken);
        }
    }

    /// <summary>Arms a receive unless one is armed or the connection must not read now.</summary>
    private void StartReceiving(IoUringConnection connection)
    {
        if (connection.Receiving || connection.Closing || connection.AnswersHeld || connection.PeerClosed || connection.Ending)
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
        if (connection.AfterOutput == ConnectionNext.Linger)
        {
            connection.AfterOutput = ConnectionNext.Close; // Nobody is left to linger for.
        }

        // Lingering or not, once nothing is left to send (an error answer is sent whole before lingering starts).
        if (!connection.HasOutput && !connection.OutputFull)
        {
            Close(connection);
        }
    }

    private void Consume(IoUringConnection connection, ReadOnlySpan<byte> data)
    {
        if (connection.Closing || connection.Ending)
        {
            Counters.BytesIn += data.Length;
            return; // After an answer that closes the connection, the rest is not read.
        }

        var machine = connection.Machine;
        if (machine.Lingering)
        {
            if (machine.Feed(data, default, _now).Next == ConnectionNext.Close)
            {
                Close(connection);
            }

            return;
        }

        if (connection.AnswersHeld)
        {
            machine.Hold(data); // Answered once the output has room or the file body has gone.
            return;
        }

        Answer(connection, data, resume: false);
        AfterInput(connection);
        if (!connection.HasOutput && !connection.OutputFull)
        {
            WhenOutputDone(connection);
        }
    }

    /// <summary>
    /// Lets the machine answer <paramref name="received"/> (or, resuming, the input it holds) into the output chunk,
    /// starting a fresh chunk when the gathered output can be sent, and holding the input while a send keeps the
    /// chunk busy.
    /// </summary>
    private void Answer(IoUringConnection connection, ReadOnlySpan<byte> received, bool resume)
    {
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
                if (!resume)
                {
                    connection.Machine.Hold(received);
                }

                connection.AfterOutput = ConnectionNext.Answer;
                return;
            }

            var step = resume ? connection.Machine.Resume(space, _now) : connection.Machine.Feed(received, space, _now);
            resume = true;
            if (step.SplitAt > 0)
            {
                // Two writes, head then body, as the reactor does them: cut this answer where the protocol split it.
                var cuts = connection.OutputCuts ??= [];
                cuts.Add(connection.OutputLength + step.SplitAt);
                cuts.Add(connection.OutputLength + step.Written);
            }

            connection.OutputLength += step.Written;
            connection.AfterOutput = step.Next;
            if (step.File is not null)
            {
                connection.Body = step.File;
                return; // Nothing more is answered until this body has gone.
            }

            if (step.Next != ConnectionNext.Answer)
            {
                return;
            }
        }
    }

    /// <summary>What follows the machine's answers: stop reading while they are held, then send.</summary>
    private void AfterInput(IoUringConnection connection)
    {
        if (connection.AnswersHeld)
        {
            StopReceiving(connection);
        }

        Flush(connection);
    }

    /// <summary>Starts closing: cancels what is in flight; <see cref="FinishClosing"/> closes once all has come back.</summary>
    private void Close(IoUringConnection connection)
    {
        if (connection.Closing)
        {
            return;
        }

        connection.Closing = true;
        connection.Machine.Close();
        _wheel.Remove(connection.Machine);
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
        _rules.Accept.Leave();
        Counters.ConnectionsClosed++;
    }

    /// <summary>Closes the connections whose deadline has passed (the wheel came due this iteration).</summary>
    private void CloseExpired()
    {
        _wheel.Advance(_now, _expired);
        foreach (var machine in _expired)
        {
            var connection = (IoUringConnection)machine.Owner!;
            Close(connection);
            FinishClosing(connection);
        }

        _expired.Clear();
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
