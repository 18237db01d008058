using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Threads;

/// <summary>
/// A thread blocked in accept() on a blocking listener, starting a <see cref="ConnectionThread"/> for every
/// connection. Stopping shuts the listener down (on Linux, close() does not wake a thread blocked in accept(),
/// shutdown() does), then interrupts every connection thread and waits until all have ended.
/// </summary>
internal sealed class BlockingAcceptor : LoopWorker
{
    private readonly NativeSocket _listener;
    private readonly ServerRules _rules;
    private readonly SocketTuning _tuning;
    private readonly FileTransfer _transfer;
    private readonly ConnectionRoster _roster;
    private Exception? _connectionFailure;
    private volatile bool _stopping;

    public BlockingAcceptor(string threadName, NativeSocket listener, ServerRules rules, SocketTuning tuning, FileTransfer transfer, ConnectionRoster roster)
        : base(threadName)
    {
        _listener = listener;
        _rules = rules;
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
                    StartThread(socket!);
                }
                else if (_stopping)
                {
                    break;
                }
                else if (AcceptPolicy.PausesFor(result.Error))
                {
                    // Out of descriptors: the pending connection waits in the backlog until one is closed.
                    Thread.Sleep(AcceptPolicy.PauseMilliseconds);
                }
                else if (!AcceptPolicy.ConcernsOnlyOne(result.Error))
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
        if (!_rules.Accept.TryAdmit())
        {
            socket.Dispose();
            Counters.CountLimit(LimitReason.MaxConnections);
            return;
        }

        Counters.ConnectionsAccepted++;
        var connection = new ConnectionThread(socket, _rules, _tuning, _transfer, _roster, OnConnectionFailed);
        if (!_roster.TryEnter(connection))
        {
            socket.Dispose(); // Stopping.
            _rules.Accept.Leave();
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
            _rules.Accept.Leave();
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
