using System.Diagnostics;
using System.Net;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>
/// One load-generator thread: its own epoll, connections, histograms and windows, like a wrk thread. It opens
/// its connections with bounded concurrency, then keeps each active one busy (closed loop) or on its schedule
/// (constant rate), reconnecting whatever closes. The controller talks to it through a few volatile fields
/// and its eventfd; everything else is touched by this thread only.
/// </summary>
internal sealed partial class LoadWorker : IDisposable
{
    private const long TimeoutScanMilliseconds = 100;

    // A send due this soon (constant rate), or an answer expected this soon or this recently (AnswerForecast), is
    // waited for by polling, not sleeping. A sleeping thread wakes up to the timer slack (50 µs by default) plus an
    // idle CPU's wake-up late, and every µs a send leaves late counts as latency from the intended start (at 2,000/s:
    // 11 µs behind schedule at p50 with 100 µs of polling, ~60 µs with 50, ~90 µs sleeping), every µs an answer waits
    // for its reader as the server's latency. The wait before the polling ends early by as much as waits end late.
    private static readonly long SpinTicks = Stopwatch.Frequency / 10_000;
    private const int MaxDiscardBytes = 1 << 30;
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

    private readonly LoadOptions _options;
    private readonly LoadConnection[] _connections;
    private readonly uint[] _generations;
    private readonly RequestTemplate _template;
    private readonly ReadinessLoop _loop = ReadinessLoop.Create();
    private readonly ReadyEvent[] _events = new ReadyEvent[1024];
    private readonly byte[] _readBuffer = GC.AllocateUninitializedArray<byte>(64 * 1024);
    private readonly byte[] _pipelined;
    private readonly PriorityQueue<LoadConnection, long> _schedule = new();
    private readonly AnswerForecast _forecast;
    private readonly WakeLateness _wakeLateness = new(Stopwatch.Frequency / 1000);
    // Failed connects waiting for their next try, by when each is due; as the refused ones below, a queue rather than a
    // list: the loop asks for the earliest every turn, and there may be thousands (a server far below the connections).
    private readonly PriorityQueue<LoadConnection, long> _retrying = new();

    // Unlike failed connects, refused ones do not keep the ramp from ending while they wait: a server at its limit
    // refuses them for as long as it stays there. (A reopen under way counts as a connect in flight, as any does.)
    private readonly PriorityQueue<LoadConnection, long> _reopening = new();

    // Closed loop: connections whose answer came in this iteration; they send after all events are read, as wrk
    // does, so a request's clock starts when it leaves rather than while the rest of a batch is being read.
    private readonly List<LoadConnection> _readyToSend = [];
    private readonly long _intervalTicks;
    private readonly long _timeoutTicks;
    private readonly bool _rateMode;
    private readonly bool _echo;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _rampDone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile bool _stopping;
    private volatile bool _sendRequested;
    private long _sendStartTicks;
    private bool _sending;
    private volatile int _windowVersion;
    private volatile int _acknowledgedVersion;
    private LoadWindow? _nextWindow;
    private LoadWindow? _window;
    private int _seenVersion;
    private int _nextToConnect;
    private int _connectsInFlight;
    private int _open;
    private bool _ramping = true;
    private long _rampConnectErrors;
    private long _nextTimeoutScan;
    private Exception? _failure;

    public LoadWorker(int id, LoadOptions options, LoadConnection[] connections, double ratePerConnection)
    {
        _options = options;
        _connections = connections;
        _generations = new uint[connections.Length];
        _forecast = new AnswerForecast(connections);
        _template = RequestTemplate.For(options);
        _pipelined = Enumerable.Repeat(_template.Single, options.Pipeline).SelectMany(r => r).ToArray();
        _rateMode = ratePerConnection > 0;
        _intervalTicks = RequestSchedule.IntervalTicks(ratePerConnection);
        _timeoutTicks = (long)(options.Timeout.TotalSeconds * Stopwatch.Frequency);
        _echo = options.Protocol == ProtocolKind.Echo;
        foreach (var connection in connections)
        {
            connection.SendTicks = new long[options.Pipeline];
            connection.IntendedTicks = new long[options.Pipeline];
        }

        _thread = new Thread(Run) { Name = $"aiotools-load-{id}", IsBackground = true };
    }

    /// <summary>Completes when every connection has been opened or has failed to open.</summary>
    public Task RampDone => _rampDone.Task;

    public int OpenConnections => Volatile.Read(ref _open);

    public long RampConnectErrors => Volatile.Read(ref _rampConnectErrors);

    public Exception? Failure => _failure;

    public void Start() => _thread.Start();

    /// <summary>Active connections start sending; in constant-rate mode their schedules start at <paramref name="startTicks"/>.</summary>
    public void StartSending(long startTicks)
    {
        _sendStartTicks = startTicks;
        _sendRequested = true;
        _loop.Wake();
    }

    /// <summary>From the next loop iteration on, record into <paramref name="window"/> (null: record nothing).</summary>
    public int SwitchWindow(LoadWindow? window)
    {
        Volatile.Write(ref _nextWindow, window);
        var version = Interlocked.Increment(ref _windowVersion);
        _loop.Wake();
        return version;
    }

    /// <summary>True once the worker records into the window of <paramref name="version"/> and no longer touches the previous one.</summary>
    public bool HasSwitched(int version) => _acknowledgedVersion >= version || !_thread.IsAlive;

    public void Stop()
    {
        _stopping = true;
        _loop.Wake();
        if (_thread.IsAlive)
        {
            _thread.Join();
        }
    }

    public void Dispose()
    {
        Stop();
        _loop.Dispose();
    }

    private void Run()
    {
        try
        {
            var now = Stopwatch.GetTimestamp();
            while (_nextToConnect < _connections.Length && _connectsInFlight < _options.ConnectConcurrency)
            {
                BeginConnect(_connections[_nextToConnect++], now);
            }

            CheckRampDone();
            while (!_stopping)
            {
                var waitFrom = Stopwatch.GetTimestamp();
                var timeout = NextTimeout(waitFrom);
                var ready = _loop.Wait(_events, timeout);
                now = Stopwatch.GetTimestamp();
                if (ready == 0 && timeout > TimeSpan.Zero)
                {
                    _wakeLateness.Observe(now - waitFrom - (long)(timeout.Ticks * (double)Stopwatch.Frequency / TimeSpan.TicksPerSecond));
                }

                TakeWindow();
                if (_sendRequested && !_sending)
                {
                    BeginSending(now);
                }

                for (var i = 0; i < ready; i++)
                {
                    Dispatch(_events[i], now);
                }

                now = Stopwatch.GetTimestamp();
                SendReady(now);
                SendDue(now);
                RetryDue(now);
                ScanTimeouts(now);
            }
        }
#pragma warning disable CA1031 // Reported to the controller, which fails the run with the reason.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _failure = e;
        }
        finally
        {
            foreach (var connection in _connections)
            {
                connection.Socket?.Dispose();
                connection.Socket = null;
            }

            _rampDone.TrySetResult();
        }
    }

    private void TakeWindow()
    {
        var version = _windowVersion;
        if (version != _seenVersion)
        {
            var at = Stopwatch.GetTimestamp();
            _window?.ClosedTicks = at;
            _window = Volatile.Read(ref _nextWindow);
            _window?.OpenedTicks = at;
            _seenVersion = version;
            _acknowledgedVersion = version;
        }
    }

    private TimeSpan NextTimeout(long now)
    {
        long? nextSend = _sending && _schedule.TryPeek(out _, out var next) ? next : null;
        long? nextRetry = _retrying.TryPeek(out _, out var retry) ? retry : null;
        if (_reopening.TryPeek(out _, out var reopen))
        {
            nextRetry = Math.Min(nextRetry ?? long.MaxValue, reopen);
        }

        return RequestSchedule.WaitTimeout(now, TimeoutScanMilliseconds * Stopwatch.Frequency / 1000, nextSend, SpinTicks, nextRetry, _forecast.NextAnswerTicks(), _wakeLateness.Ticks);
    }

    private void Dispatch(ReadyEvent ready, long now)
    {
        if (ready.Token == ReadinessLoop.WakeToken)
        {
            _loop.ClearWake();
            return;
        }

        var index = (int)(uint)ready.Token;
        var connection = _connections[index];
        if (connection.Socket is null || _generations[index] != (uint)(ready.Token >> 32))
        {
            return;
        }

        if (connection.Connecting)
        {
            FinishConnect(connection, now);
            return;
        }

        if ((ready.Events & IoEvents.Writable) != 0)
        {
            // Only a pending partial send asks for writability.
            ContinueSend(connection);
            if (!connection.IsConnected)
            {
                return; // The send failed and the connection was closed, or is already being opened again.
            }
        }

        if ((ready.Events & (IoEvents.Readable | IoEvents.Error | IoEvents.HangUp)) != 0)
        {
            ReadResponses(connection, now);
        }
    }

    private ulong Token(LoadConnection connection) => ((ulong)_generations[connection.Index] << 32) | (uint)connection.Index;
}
