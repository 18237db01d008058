using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.Threads;

/// <summary>
/// One connection on a thread of its own: blocking recv, let the protocol answer, blocking send until all is
/// sent, again. The thread sleeps in the kernel whenever its peer is quiet — the scheduler is the demultiplexer,
/// paid for with a stack and a context switch per wake-up.
/// </summary>
internal sealed class ConnectionThread : ConnectionFlow
{
    private readonly NativeSocket _socket;
    private readonly ServerProtocol _protocol;
    private readonly SocketTuning _tuning;
    private readonly ConnectionRoster _roster;
    private readonly Action<Exception> _onFailure;
    private readonly Thread _thread;
    private readonly FileTransfer _transfer;
    private NativePipe? _pipe;

    public ConnectionThread(NativeSocket socket, ServerProtocol protocol, SocketTuning tuning, FileTransfer transfer, ConnectionRoster roster, Action<Exception> onFailure)
    {
        _socket = socket;
        _protocol = protocol;
        _tuning = tuning;
        _transfer = transfer;
        _roster = roster;
        _onFailure = onFailure;
        _thread = new Thread(Run, ThreadsEngine.StackBytes) { Name = "aiotools-conn", IsBackground = true };
    }

    public void Start() => _thread.Start();

    public override void Interrupt()
    {
        // Wakes a blocked recv (it returns 0) or send (EPIPE); closing would not, and the fd stays ours until then.
        try
        {
            _ = _socket.Shutdown(ShutdownMode.Both);
        }
        catch (ObjectDisposedException)
        {
            // The connection already ended.
        }
    }

    private void Run()
    {
        Tally = SyscallTally.Current;
        try
        {
            SocketTuner.Apply(_tuning, _socket);
            using var session = new ProtocolSession(_protocol);
            Serve(session);
        }
        catch (ErrnoException)
        {
            // The peer reset the connection before it could be configured.
        }
#pragma warning disable CA1031 // A bug in one connection is reported to the engine, which stops; it must not kill the process.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _onFailure(e);
        }
        finally
        {
            _pipe?.Dispose();
            _socket.Dispose();
            _roster.Leave(this);
        }
    }

    private void Serve(ProtocolSession session)
    {
        while (true)
        {
            var received = _socket.Receive(session.FreeInput.Span);
            if (received.Error == IoError.Interrupted)
            {
                continue;
            }

            if (!received.Succeeded || received.Value == 0)
            {
                return; // Reset, interrupted by a stop, or the peer is done (whatever it asked was answered).
            }

            Counters.BytesIn += received.Value;
            session.Received(received.Value);
            while (true)
            {
                var step = session.Step();
                Counters.Requests += step.Requests;
                if (!Respond(session, step))
                {
                    return;
                }

                if (step.Close)
                {
                    if (step.Linger)
                    {
                        Linger(session);
                    }

                    return;
                }

                if (step.NeedsInput)
                {
                    break;
                }
            }

            if (session.InputFull)
            {
                return;
            }
        }
    }

    /// <summary>Sends a step's output (in two writes if the protocol split it) and its file body; false if the peer is gone.</summary>
    private bool Respond(ProtocolSession session, SessionStep step)
    {
        using var file = step.File;
        if (step.Written == 0 && file is null)
        {
            return true;
        }

        if (_tuning.Cork)
        {
            _socket.SetOption(SocketOption.Cork, 1);
        }

        var output = session.Output(step).Span;
        if (step.SplitAt > 0)
        {
            if (!SendAll(output[..step.SplitAt]))
            {
                return false;
            }

            output = output[step.SplitAt..];
        }

        // The socket blocks, so the pump moves the whole body before it returns.
        if (!SendAll(output) || (file is not null && FileSender.Pump(_socket, file, _transfer, ref _pipe, spares: null, session.TransferBuffer.Span, ref Counters.BytesOut) != FilePump.Complete))
        {
            return false;
        }

        if (_tuning.Cork)
        {
            _socket.SetOption(SocketOption.Cork, 0);
        }

        return true;
    }

    private bool SendAll(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var sent = _socket.Send(data);
            if (!sent.Succeeded)
            {
                if (sent.Error == IoError.Interrupted)
                {
                    continue;
                }

                return false;
            }

            Counters.BytesOut += sent.Value;
            data = data[sent.Value..];
        }

        return true;
    }

    /// <summary>After a rejected request: shut our side, then read and drop until the peer closes (bounded).</summary>
    private void Linger(ProtocolSession session)
    {
        _ = _socket.Shutdown(ShutdownMode.Send);
        long dropped = 0;
        while (dropped <= ProtocolSession.LingerLimitBytes)
        {
            var received = _socket.Receive(session.Scratch.Span);
            if (received.Error == IoError.Interrupted)
            {
                continue;
            }

            if (!received.Succeeded || received.Value == 0)
            {
                return;
            }

            Counters.BytesIn += received.Value;
            dropped += received.Value;
        }
    }
}
