using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.Threads;

/// <summary>
/// A thread blocked in accept() on a blocking listener, starting a <see cref="ConnectionThread"/> for every
/// connection. Stopping shuts the listener down (on Linux, close() does not wake a thread blocked in accept(),
/// shutdown() does), then interrupts every connection thread and waits until all have ended.
/// </summary>
internal sealed class BlockingAcceptor : LoopWorker
{
    private const int AcceptPauseMilliseconds = 100;

    private readonly NativeSocket _listener;
    private readonly ServerProtocol _protocol;
    private readonly SocketTuning _tuning;
    private readonly FileTransfer _transfer;
    private readonly ConnectionRoster _roster;
    private Exception? _connectionFailure;
    private volatile bool _stopping;

    public BlockingAcceptor(string threadName, NativeSocket listener, ServerProtocol protocol, SocketTuning tuning, FileTransfer transfer, ConnectionRoster roster)
        : base(threadName)
    {
        _listener = listener;
        _protocol = protocol;
        _tuning = tuning;
        _transfer = transfer;
        _roster = roster;
    }

    public override void RequestStop()
    {
        _stopping = true;
        try
        {
            _ = _listener.Shutdown(ShutdownMode.Both);
        }
        catch (ObjectDisposedException)
        {
            // Already stopped.
        }
    }

    public override void Run()
    {
        try
        {
            while (!_stopping)
            {
                var result = _listener.Accept(out var socket, nonBlocking: false);
                Counters.LoopIterations++;
                if (result.Succeeded)
                {
                    Counters.ConnectionsAccepted++;
                    StartThread(socket!);
                }
                else if (_stopping)
                {
                    break;
                }
                else if (result.Error is IoError.TooManyOpenFiles or IoError.NoBufferSpace or IoError.OutOfMemory)
                {
                    // Out of descriptors: the pending connection waits in the backlog until one is closed.
                    Thread.Sleep(AcceptPauseMilliseconds);
                }
                else if (result.Error is not (IoError.ConnectionAborted or IoError.Interrupted or IoError.ConnectionReset))
                {
                    throw result.ToException("accept4");
                }
            }
        }
        finally
        {
            _listener.Dispose();
            _roster.CloseAllAsync().GetAwaiter().GetResult();
        }

        if (Volatile.Read(ref _connectionFailure) is { } failure)
        {
            throw new InvalidOperationException($"a connection thread failed: {failure.Message}", failure);
        }
    }

    private void StartThread(NativeSocket socket)
    {
        var connection = new ConnectionThread(socket, _protocol, _tuning, _transfer, _roster, OnConnectionFailed);
        if (!_roster.TryEnter(connection))
        {
            socket.Dispose(); // Stopping.
            return;
        }

        try
        {
            connection.Start();
        }
        catch (OutOfMemoryException)
        {
            // pthread_create refused (threads-max, memory): the one cost of this model no kernel knob hides.
            socket.Dispose();
            _roster.Leave(connection);
            Counters.ConnectionsRefused++;
        }
    }

    private void OnConnectionFailed(Exception failure)
    {
        Interlocked.CompareExchange(ref _connectionFailure, failure, null);
        RequestStop();
    }
}
