using System.Collections.Concurrent;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>
/// One reactor loop thread: wait for readiness, then read, let the protocol answer, write. The same loop runs
/// over select, poll and epoll; only the demultiplexer differs, which is what makes their costs comparable.
/// Buffers belong to the loop; a connection holds bytes only when a head is split or the socket would not take
/// all the output. Nothing is allocated per request.
/// </summary>
internal sealed class ReactorLoop : LoopWorker
{
    internal const ulong ListenerToken = ulong.MaxValue;
    internal const ulong WakeToken = ulong.MaxValue - 1;

    private const int AcceptBatch = 64;
    private const int EventBatch = 512;
    private const int BufferBytes = 64 * 1024;
    private const long LingerLimitBytes = 1 << 20;
    private const int AcceptPauseMilliseconds = 100;

    private readonly IReadinessDemultiplexer _demultiplexer;
    private readonly ServerProtocol _protocol;
    private readonly SocketTuning _tuning;
    private readonly NativeSocket? _listener;
    private readonly ConcurrentQueue<NativeSocket> _handedOver = new();
    private readonly EventSignal _wake = EventSignal.Create();
    private readonly ConnectionSlots<ReactorConnection> _connections = new();
    private readonly ReadyEvent[] _events = new ReadyEvent[EventBatch];
    private readonly byte[] _readBuffer;
    private readonly byte[] _writeBuffer = GC.AllocateUninitializedArray<byte>(BufferBytes);
    private readonly bool _edge;
    private ReactorLoop[] _peers = [];
    private int _nextPeer;
    private long _acceptPausedUntil;
    private volatile bool _stopping;
    private volatile bool _closed;

    /// <param name="listener">The listening socket this loop accepts from and owns, or null if connections are handed to it.</param>
    public ReactorLoop(string threadName, IReadinessDemultiplexer demultiplexer, ServerProtocol protocol, SocketTuning tuning, NativeSocket? listener)
        : base(threadName)
    {
        _demultiplexer = demultiplexer;
        _protocol = protocol;
        _tuning = tuning;
        _listener = listener;
        _edge = demultiplexer.EdgeTriggered;
        _readBuffer = GC.AllocateUninitializedArray<byte>(Math.Max(BufferBytes, protocol.MaxPendingInput * 2));
    }

    /// <summary>The loops this one's listener feeds in turn (itself included); empty: it keeps what it accepts.</summary>
    public void HandOffTo(ReactorLoop[] peers) => _peers = peers;

    public override void RequestStop()
    {
        _stopping = true;
        _wake.Signal();
    }

    public override void Run()
    {
        _demultiplexer.AddSignal(_wake, WakeToken);
        if (_listener is not null && !_demultiplexer.TryAdd(_listener, IoEvents.Readable, ListenerToken))
        {
            throw new InvalidOperationException("the listening socket cannot be registered");
        }

        try
        {
            while (!_stopping)
            {
                var ready = _demultiplexer.Wait(_events, WaitTimeout());
                Counters.LoopIterations++;
                Counters.EventsReturned += ready;
                for (var i = 0; i < ready; i++)
                {
                    Dispatch(_events[i]);
                }

                ResumeAcceptingWhenDue();
            }
        }
        finally
        {
            Shutdown();
        }
    }

    /// <summary>Gives this loop a connection accepted by another loop; safe from any thread.</summary>
    public void HandOver(NativeSocket socket)
    {
        _handedOver.Enqueue(socket);
        if (_closed)
        {
            // The loop already ended: nobody else will close what is left in the queue.
            DisposeHandedOver();
            return;
        }

        _wake.Signal();
    }

    private void Dispatch(ReadyEvent ready)
    {
        if (ready.Token == ListenerToken)
        {
            AcceptConnections();
            return;
        }

        if (ready.Token == WakeToken)
        {
            _wake.Drain();
            while (_handedOver.TryDequeue(out var socket))
            {
                Adopt(socket);
            }

            return;
        }

        var connection = _connections[(int)(uint)ready.Token];
        if (connection is null || connection.Generation != (uint)(ready.Token >> 32))
        {
            return; // An event for a connection closed earlier in this batch.
        }

        var events = ready.Events;
        if ((events & IoEvents.Writable) != 0 || (connection.WriteBlocked && (events & (IoEvents.Error | IoEvents.HangUp)) != 0))
        {
            OnWritable(connection);
            if (connection.Socket is null)
            {
                return;
            }
        }

        if ((events & (IoEvents.Readable | IoEvents.Error | IoEvents.HangUp | IoEvents.ReadHangUp)) != 0 && !connection.WriteBlocked)
        {
            OnReadable(connection);
        }
    }

    private void AcceptConnections()
    {
        // Edge-triggered: accept until EAGAIN or no event will come for the rest. Level: a batch, then others' turn.
        var limit = _edge ? int.MaxValue : AcceptBatch;
        for (var i = 0; i < limit; i++)
        {
            var result = _listener!.Accept(out var socket);
            if (!result.Succeeded)
            {
                if (result.WouldBlock)
                {
                    return;
                }

                if (result.Error is IoError.TooManyOpenFiles or IoError.NoBufferSpace or IoError.OutOfMemory)
                {
                    PauseAccepting();
                    return;
                }

                continue; // ECONNABORTED and the like concern only that one connection.
            }

            if (_peers.Length > 1)
            {
                var peer = _peers[_nextPeer];
                _nextPeer = (_nextPeer + 1) % _peers.Length;
                if (peer != this)
                {
                    peer.HandOver(socket!);
                    continue;
                }
            }

            Adopt(socket!);
        }
    }

    private void Adopt(NativeSocket socket)
    {
        try
        {
            _tuning.ApplyTo(socket);
        }
        catch (ErrnoException)
        {
            // The peer reset the connection before we could configure it.
            socket.Dispose();
            return;
        }

        var (slot, connection) = _connections.Allocate();
        connection.Slot = slot;
        connection.Reset(socket);
        connection.Interest = IoEvents.Readable;
        if (!_demultiplexer.TryAdd(socket, IoEvents.Readable, connection.Token))
        {
            connection.Socket = null;
            _connections.Free(slot);
            socket.Dispose();
            Counters.ConnectionsRefused++;
            return;
        }

        Counters.ConnectionsAccepted++;
    }

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
            if (step.Written > 0 && !Send(connection, _writeBuffer.AsSpan(0, step.Written)))
            {
                connection.CloseAfterWrite |= step.CloseAfterWrite;
                connection.LingerAfterWrite |= step.Rejected;
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

    /// <summary>Sends all of <paramref name="data"/>, or keeps the rest and waits for writability; false unless all was sent.</summary>
    private bool Send(ReactorConnection connection, ReadOnlySpan<byte> data)
    {
        var result = connection.Socket!.Send(data);
        if (result.Succeeded)
        {
            Counters.BytesOut += result.Value;
            if (result.Value == data.Length)
            {
                return true;
            }

            data = data[result.Value..];
        }
        else if (!result.WouldBlock)
        {
            Close(connection);
            return false;
        }

        connection.KeepOutput(data);
        SetInterest(connection, IoEvents.Writable);
        return false;
    }

    private void OnWritable(ReactorConnection connection)
    {
        while (connection.PendingOutputLength > 0)
        {
            var result = connection.Socket!.Send(connection.PendingOutput.AsSpan(connection.PendingOutputOffset, connection.PendingOutputLength));
            if (!result.Succeeded)
            {
                if (!result.WouldBlock)
                {
                    Close(connection);
                }

                return;
            }

            Counters.BytesOut += result.Value;
            connection.PendingOutputOffset += result.Value;
            connection.PendingOutputLength -= result.Value;
        }

        connection.ReleaseOutput();
        if (connection.CloseAfterWrite)
        {
            CloseAfterAnswer(connection, connection.LingerAfterWrite);
            return;
        }

        // Input held back while the socket was full is answered now, before reading more.
        if (connection.PendingInputLength > 0)
        {
            var length = connection.PendingInputLength;
            connection.PendingInput.AsSpan(0, length).CopyTo(_readBuffer);
            connection.ReleaseInput();
            var consumed = Drive(connection, _readBuffer.AsSpan(0, length));
            if (connection.Socket is null || connection.Lingering)
            {
                return;
            }

            connection.KeepInput(_readBuffer.AsSpan(consumed, length - consumed));
            if (connection.WriteBlocked)
            {
                return;
            }
        }

        SetInterest(connection, IoEvents.Readable);
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

    private void SetInterest(ReactorConnection connection, IoEvents interest)
    {
        if (connection.Interest != interest)
        {
            connection.Interest = interest;
            _demultiplexer.Modify(connection.Socket!, interest, connection.Token);
        }
    }

    private void Close(ReactorConnection connection)
    {
        var socket = connection.Socket!;
        _demultiplexer.Remove(socket, connection.Token);
        connection.Socket = null;
        connection.ReleaseInput();
        connection.ReleaseOutput();
        socket.Dispose();
        _connections.Free(connection.Slot);
        Counters.ConnectionsClosed++;
    }

    private int WaitTimeout() =>
        _acceptPausedUntil == 0 ? -1 : (int)Math.Clamp(_acceptPausedUntil - Environment.TickCount64, 0, AcceptPauseMilliseconds);

    private void PauseAccepting()
    {
        // Out of descriptors: a level-triggered listener would report the same pending connection for ever.
        _demultiplexer.Modify(_listener!, IoEvents.None, ListenerToken);
        _acceptPausedUntil = Environment.TickCount64 + AcceptPauseMilliseconds;
    }

    private void ResumeAcceptingWhenDue()
    {
        if (_acceptPausedUntil != 0 && Environment.TickCount64 >= _acceptPausedUntil)
        {
            _acceptPausedUntil = 0;
            _demultiplexer.Modify(_listener!, IoEvents.Readable, ListenerToken);
        }
    }

    private void Shutdown()
    {
        foreach (var connection in _connections.InUse())
        {
            Close(connection);
        }

        _closed = true;
        DisposeHandedOver();
        _listener?.Dispose();
        _demultiplexer.Dispose();
    }

    private void DisposeHandedOver()
    {
        while (_handedOver.TryDequeue(out var socket))
        {
            socket.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _wake.Dispose();
        }

        base.Dispose(disposing);
    }
}
