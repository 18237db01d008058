using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Threads;

/// <summary>
/// One connection on a thread of its own: blocking recv, let the machine answer, blocking send until all is
/// sent, again. The thread sleeps in the kernel whenever its peer is quiet — the scheduler is the demultiplexer,
/// paid for with a stack and a context switch per wake-up. Every call blocks, so the shared conversation
/// (<see cref="ConnectionFlow"/>) runs on this thread from start to end without yielding.
/// </summary>
internal sealed class ConnectionThread : ConnectionFlow
{
    private readonly NativeSocket _socket;
    private readonly ServerRules _rules;
    private readonly ConnectionRoster _roster;
    private readonly Action<Exception> _onFailure;
    private readonly Thread _thread;
    private readonly FileTransfer _transfer;
    private NativePipe? _pipe;

    public ConnectionThread(NativeSocket socket, ServerRules rules, SocketTuning tuning, FileTransfer transfer, ConnectionRoster roster, Action<Exception> onFailure)
        : base(rules, tuning)
    {
        _socket = socket;
        _rules = rules;
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

    protected override ValueTask<int> ReceiveAsync(Memory<byte> buffer)
    {
        while (true)
        {
            var received = _socket.Receive(buffer.Span);
            if (received.Error != IoError.Interrupted)
            {
                return new ValueTask<int>(received.Succeeded ? received.Value : -1);
            }
        }
    }

    protected override ValueTask<bool> SendAsync(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        while (!span.IsEmpty)
        {
            var sent = _socket.Send(span);
            if (!sent.Succeeded)
            {
                if (sent.Error == IoError.Interrupted)
                {
                    continue;
                }

                return new ValueTask<bool>(false);
            }

            Counters.BytesOut += sent.Value;
            span = span[sent.Value..];
            if (!span.IsEmpty)
            {
                Machine.Progress(Environment.TickCount64);
            }
        }

        return new ValueTask<bool>(true);
    }

    /// <summary>The socket blocks, so the pump moves the whole body before it returns.</summary>
    protected override ValueTask<bool> SendFileAsync(FileBody body) =>
        new(FileSender.Pump(_socket, body, _transfer, ref _pipe, spares: null, TransferBuffer.Span, ref Counters.BytesOut) == FilePump.Complete);

    protected override void SetCork(bool on) => _socket.SetOption(SocketOption.Cork, on ? 1 : 0);

    protected override void ShutdownSend() => _ = _socket.Shutdown(ShutdownMode.Send);

    private void Run()
    {
        Tally = SyscallTally.Current;
        try
        {
            SocketTuner.Apply(Tuning, _socket);
            var serving = ServeAsync();
            if (!serving.IsCompleted)
            {
                throw new InvalidOperationException("a blocking connection's conversation yielded");
            }

            serving.GetAwaiter().GetResult();
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
            _rules.Accept.Leave();
            _roster.Leave(this);
        }
    }
}
