using System.Net;
using System.Net.Sockets;
using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Failures;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.DotNet;

/// <summary>
/// A server on .NET's <see cref="Socket"/>: one accept loop, one async loop per connection, all on the thread
/// pool. The runtime makes its own system calls (its epoll thread, its own reads and writes), so the counters
/// say <see cref="EngineCounters.SyscallsCounted"/> = false rather than report a number we did not count.
/// </summary>
internal sealed class SocketAsyncEngine : IServerEngine
{
    private readonly ServerSettings _settings;
    private ServerRules? _rules;
    private readonly ConnectionRoster _roster = new();
    private readonly LoopCounters _acceptCounters = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private Task? _stopping;
    private Exception? _failure;
    private int _started;

    public SocketAsyncEngine(ServerSettings settings)
    {
        _settings = settings;
    }

    public string Name => DotNetEngine.Name;

    public string Variant => "async";

    public IPEndPoint LocalEndPoint { get; private set; } = new(IPAddress.None, 0);

    public Task Completion => _completion.Task;

    public void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) != 0)
        {
            throw new InvalidOperationException("the engine was already started");
        }

        _rules = new ServerRules(_settings);
        try
        {
            _listener = OpenListener(_settings);
        }
        catch
        {
            _rules.Dispose();
            throw;
        }

        LocalEndPoint = (IPEndPoint)_listener.LocalEndPoint!;
        _acceptLoop = AcceptLoopAsync(_listener, _rules);
    }

    public async Task StopAsync()
    {
        lock (_stop)
        {
            _stopping ??= StopOnceAsync();
        }

        await _stopping;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
        _roster.Dispose();
        _rules?.Dispose();
    }

    public EngineCounters ReadCounters()
    {
        var total = new LoopCounters();
        _acceptCounters.AddTo(total);
        _roster.AddTo(total, new long[SyscallTally.KindCount]);
        return total.ToEngineCounters(new long[SyscallTally.KindCount], syscallsCounted: false);
    }

    private static Socket OpenListener(ServerSettings settings)
    {
        var endPoint = settings.Endpoint;
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            ManagedSocketOptions.SetReuseAddress(socket);
            if (settings.SharePort)
            {
                ManagedSocketOptions.SetReusePort(socket);
            }

            socket.Bind(endPoint);
            socket.Listen(settings.Backlog); // The accept policy's backlog: AcceptPolicy.Backlog is this setting.
            if (settings.Tuning.FastOpenQueueLength is { } queue)
            {
                ManagedSocketOptions.SetFastOpenQueue(socket, queue);
            }

            if (settings.Tuning.CongestionControl is { } control)
            {
                ManagedSocketOptions.SetCongestionControl(socket, control);
            }

            return socket;
        }
        catch (ErrnoException e) when (settings.Tuning.CongestionControl is { } control)
        {
            socket.Dispose();
            throw CongestionControls.Refused(control, e);
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw e.SocketErrorCode switch
            {
                SocketError.AddressAlreadyInUse => Listeners.AddressInUse(endPoint, "EADDRINUSE"),
                SocketError.AddressNotAvailable or SocketError.AccessDenied => new AsyncIoToolsException(FailureKind.Usage, $"cannot listen on {endPoint}: {e.Message}"),
                _ => e,
            };
        }
    }

    private async Task AcceptLoopAsync(Socket listener, ServerRules rules)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionAborted or SocketError.ConnectionReset or SocketError.Interrupted)
            {
                continue;
            }
            catch (SocketException e) when (e.SocketErrorCode is SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
            {
                // Out of descriptors: the pending connection waits in the backlog until one is closed.
                await Task.Delay(AcceptPolicy.PauseMilliseconds, CancellationToken.None);
                continue;
            }
#pragma warning disable CA1031 // An accept loop that dies is reported through Completion, and the server stops.
            catch (Exception e)
#pragma warning restore CA1031
            {
                Fail(e);
                return;
            }

            if (!rules.Accept.TryAdmit())
            {
                socket.Dispose();
                _acceptCounters.CountLimit(LimitReason.MaxConnections);
                continue;
            }

            _acceptCounters.ConnectionsAccepted++;
            var connection = new AsyncConnection(socket, rules, _settings.Tuning, _roster, Fail);
            if (_roster.TryEnter(connection))
            {
                connection.Start();
            }
            else
            {
                socket.Dispose(); // Stopping.
                rules.Accept.Leave();
            }
        }
    }

    private async Task StopOnceAsync()
    {
        await _stop.CancelAsync();
        await _acceptLoop;
        _listener?.Dispose();
        await _roster.CloseAllAsync();
        if (Volatile.Read(ref _failure) is { } failure)
        {
            _completion.TrySetException(failure);
        }
        else
        {
            _completion.TrySetResult();
        }
    }

    private void Fail(Exception failure)
    {
        Interlocked.CompareExchange(ref _failure, new InvalidOperationException($"the {Name} server failed: {failure.Message}", failure), null);
        _ = StopAsync();
    }
}
