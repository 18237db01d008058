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
internal sealed class LoadWorker : IDisposable
{
    private const long TimeoutScanMilliseconds = 100;

    // Constant rate: a send due this soon is waited for by polling, not sleeping. A sleeping thread wakes up to the
    // timer slack (50 µs by default) plus an idle CPU's wake-up late, and every µs a send leaves late counts as latency
    // from the intended start (at 2,000/s: 11 µs behind schedule at p50 with 100 µs of polling, ~60 µs with 50, ~90 µs
    // sleeping).
    private static readonly long SendSpinTicks = Stopwatch.Frequency / 10_000;
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
    private readonly List<LoadConnection> _retrying = [];

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
        _template = RequestTemplate.For(options);
        _pipelined = Enumerable.Repeat(_template.Single, options.Pipeline).SelectMany(r => r).ToArray();
        _rateMode = ratePerConnection > 0;
        _intervalTicks = _rateMode ? (long)(Stopwatch.Frequency / ratePerConnection) : 0;
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
                var ready = _loop.Wait(_events, NextTimeout());
                now = Stopwatch.GetTimestamp();
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
            _window = Volatile.Read(ref _nextWindow);
            _seenVersion = version;
            _acknowledgedVersion = version;
        }
    }

    private TimeSpan NextTimeout()
    {
        var now = Stopwatch.GetTimestamp();
        var due = now + (TimeoutScanMilliseconds * Stopwatch.Frequency / 1000);
        if (_sending && _schedule.TryPeek(out _, out var next))
        {
            due = Math.Min(due, next - SendSpinTicks);
        }

        foreach (var connection in _retrying)
        {
            due = Math.Min(due, connection.RetryAtTicks);
        }

        return TimeSpan.FromTicks(Math.Max(0, (long)((due - now) * (double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
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
            if (connection.Socket is null)
            {
                return;
            }
        }

        if ((ready.Events & (IoEvents.Readable | IoEvents.Error | IoEvents.HangUp)) != 0)
        {
            ReadResponses(connection, now);
        }
    }

    private void BeginConnect(LoadConnection connection, long now)
    {
        ClientSocket? socket = null;
        try
        {
            socket = ClientSocket.Create(_options.Target.AddressFamily);
            if (connection.Source is { } source)
            {
                // Pick the port at connect time, per destination: one source address then serves every port range.
                socket.BindSource(source);
            }

            if (_options.NoDelay)
            {
                socket.DisableNagle();
            }

            if (_options.FastOpen)
            {
                socket.EnableFastOpenConnect();
            }

            var result = socket.Connect(_options.Target);
            if (!result.Succeeded && result.Error != IoError.InProgress)
            {
                socket.Dispose();
                ConnectFailed(connection, now);
                return;
            }

            connection.Socket = socket;
            connection.ResetForNewSocket();
            connection.ConnectStartTicks = now;
            connection.Connecting = true;
            _generations[connection.Index]++;
            _loop.Add(socket, IoEvents.Writable, Token(connection));
            _connectsInFlight++;
        }
        catch (ErrnoException)
        {
            socket?.Dispose();
            connection.Socket = null;
            ConnectFailed(connection, now);
        }
    }

    private void FinishConnect(LoadConnection connection, long now)
    {
        _connectsInFlight--;
        connection.Connecting = false;
        if (!connection.Socket!.TakePendingError().Succeeded)
        {
            connection.Socket.Dispose();
            connection.Socket = null;
            ConnectFailed(connection, now);
            ContinueRamp(now);
            return;
        }

        connection.ConnectFailures = 0;
        _loop.Modify(connection.Socket, IoEvents.Readable, Token(connection));
        _open++;
        ContinueRamp(now);
        if (_sending && connection.Active)
        {
            StartConnection(connection, now);
        }
    }

    private void ConnectFailed(LoadConnection connection, long now)
    {
        Count(LoadErrorKind.Connect);
        if (_ramping)
        {
            _rampConnectErrors++;
        }

        // Back off 10 ms, 20 ms … up to 1 s; during the ramp give up after a few tries so the ramp can end.
        connection.ConnectFailures++;
        if (_ramping && connection.ConnectFailures >= 3)
        {
            return;
        }

        var delayMilliseconds = Math.Min(1000, 10 << Math.Min(connection.ConnectFailures, 7));
        connection.RetryAtTicks = now + (delayMilliseconds * Stopwatch.Frequency / 1000);
        _retrying.Add(connection);
    }

    private void ContinueRamp(long now)
    {
        while (_nextToConnect < _connections.Length && _connectsInFlight < _options.ConnectConcurrency)
        {
            BeginConnect(_connections[_nextToConnect++], now);
        }

        CheckRampDone();
    }

    private void CheckRampDone()
    {
        if (_ramping && _nextToConnect == _connections.Length && _connectsInFlight == 0 && _retrying.Count == 0)
        {
            _ramping = false;
            _rampDone.TrySetResult();
        }
    }

    private void RetryDue(long now)
    {
        for (var i = _retrying.Count - 1; i >= 0; i--)
        {
            var connection = _retrying[i];
            if (connection.RetryAtTicks <= now)
            {
                _retrying.RemoveAt(i);
                connection.RetryAtTicks = 0;
                BeginConnect(connection, now);
            }
        }

        CheckRampDone();
    }

    private void BeginSending(long now)
    {
        _sending = true;
        var active = _connections.Where(c => c.Active).ToArray();
        for (var i = 0; i < active.Length; i++)
        {
            var connection = active[i];

            // Spread the first requests of the schedule over one interval so the connections do not fire together.
            connection.NextDueTicks = _sendStartTicks + (_rateMode ? _intervalTicks * i / Math.Max(1, active.Length) : 0);
            if (connection.Socket is not null && !connection.Connecting)
            {
                StartConnection(connection, now);
            }
        }
    }

    private void StartConnection(LoadConnection connection, long now)
    {
        if (!_rateMode)
        {
            _readyToSend.Add(connection);
        }
        else if (connection.NextDueTicks <= now)
        {
            Send(connection, 1, now, connection.NextDueTicks);
        }
        else
        {
            _schedule.Enqueue(connection, connection.NextDueTicks);
        }
    }

    private void SendReady(long now)
    {
        foreach (var connection in _readyToSend)
        {
            if (connection.Socket is not null && !connection.Connecting && connection.Outstanding == 0)
            {
                Send(connection, _options.Pipeline, now, now);
            }
        }

        _readyToSend.Clear();
    }

    private void SendDue(long now)
    {
        while (_schedule.TryPeek(out var connection, out var due) && due <= now)
        {
            _schedule.Dequeue();
            if (connection.Socket is not null && !connection.Connecting && connection.Outstanding == 0)
            {
                Send(connection, 1, now, due);
            }
        }
    }

    private void Send(LoadConnection connection, int requests, long now, long intended)
    {
        // Requests go one at a time or as a whole pipeline batch; a connection's last request asks the server to close.
        var last = _options.RequestsPerConnection > 0 && connection.AnsweredOnConnection + requests >= _options.RequestsPerConnection;
        var bytes = last ? _template.Closing : requests == 1 ? _template.Single : _pipelined;
        // Stamp the send itself, not the start of the batch of events it is part of.
        var sentAt = Stopwatch.GetTimestamp();
        for (var i = 0; i < requests; i++)
        {
            var slot = (connection.RingHead + connection.Outstanding) % connection.SendTicks.Length;
            connection.SendTicks[slot] = _options.RequestsPerConnection == 1 ? connection.ConnectStartTicks : sentAt;
            connection.IntendedTicks[slot] = intended;
            connection.Outstanding++;
        }

        if (_echo)
        {
            connection.EchoRemaining = connection.EchoRemaining == 0 ? _options.MessageBytes : connection.EchoRemaining;
        }

        var result = connection.Socket!.Send(bytes);
        if (result.Succeeded && result.Value == bytes.Length)
        {
            if (_window is { } window)
            {
                window.BytesSent += bytes.Length;
            }

            return;
        }

        if (!result.Succeeded && !result.WouldBlock)
        {
            Fail(connection, LoadErrorKind.Write, now);
            return;
        }

        // The socket took part of it (large echo messages): wait for room, then send the rest.
        connection.PendingSend = bytes;
        connection.PendingSendOffset = result.Succeeded ? result.Value : 0;
        _loop.Modify(connection.Socket, IoEvents.Readable | IoEvents.Writable, Token(connection));
    }

    private void ContinueSend(LoadConnection connection)
    {
        if (connection.PendingSend is not { } pending)
        {
            return;
        }

        var result = connection.Socket!.Send(pending.AsSpan(connection.PendingSendOffset));
        if (!result.Succeeded)
        {
            if (!result.WouldBlock)
            {
                Fail(connection, LoadErrorKind.Write, Stopwatch.GetTimestamp());
            }

            return;
        }

        connection.PendingSendOffset += result.Value;
        if (connection.PendingSendOffset == pending.Length)
        {
            connection.PendingSend = null;
            _loop.Modify(connection.Socket, IoEvents.Readable, Token(connection));
        }
    }

    private void ReadResponses(LoadConnection connection, long now)
    {
        while (true)
        {
            // A body longer than the read buffer is counted, not copied: copying a 64 MiB file per request on the
            // client's one core would cap MiB/s at the client's memory bandwidth, whatever the server does.
            var discarding = !_echo && connection.InBody && connection.BodyRemaining >= _readBuffer.Length;
            var asked = discarding ? (int)Math.Min(connection.BodyRemaining, MaxDiscardBytes) : _readBuffer.Length;
            var result = discarding ? connection.Socket!.Discard(asked) : connection.Socket!.Receive(_readBuffer);
            if (!result.Succeeded)
            {
                if (!result.WouldBlock)
                {
                    Fail(connection, LoadErrorKind.Read, now);
                }

                return;
            }

            if (result.Value == 0)
            {
                // Closed by the server: an error only if it still owed us an answer.
                if (connection.Outstanding > 0)
                {
                    Fail(connection, LoadErrorKind.Read, now);
                }
                else
                {
                    Reconnect(connection, now);
                }

                return;
            }

            // An answer arrives when its read returns, not when the batch of events it came in started.
            now = Stopwatch.GetTimestamp();
            if (_window is { } window)
            {
                window.BytesReceived += result.Value;
            }

            if (discarding)
            {
                connection.BodyRemaining -= result.Value;
                if (connection.BodyRemaining > 0)
                {
                    if (result.Value < asked)
                    {
                        return; // Drained for now.
                    }

                    continue;
                }

                connection.InBody = false;
                if (!OnResponse(connection, now))
                {
                    return;
                }

                continue;
            }

            var data = _readBuffer.AsSpan(0, result.Value);
            while (!data.IsEmpty)
            {
                if (connection.Outstanding == 0)
                {
                    Fail(connection, LoadErrorKind.BadResponse, now);
                    return;
                }

                var outcome = _echo ? ReadEcho(connection, data, out var used) : HttpResponseReader.Read(connection, data, out used);
                data = data[used..];
                if (outcome == ResponseOutcome.Malformed)
                {
                    Fail(connection, LoadErrorKind.BadResponse, now);
                    return;
                }

                if (outcome == ResponseOutcome.Completed && !OnResponse(connection, now))
                {
                    return;
                }
            }

            if (result.Value < _readBuffer.Length)
            {
                return; // Drained for now; the next wait reports more.
            }
        }
    }

    private ResponseOutcome ReadEcho(LoadConnection connection, ReadOnlySpan<byte> data, out int used)
    {
        used = (int)Math.Min(connection.EchoRemaining, data.Length);
        connection.EchoRemaining -= used;
        if (connection.EchoRemaining > 0)
        {
            return ResponseOutcome.NeedMore;
        }

        connection.Status = 200;
        connection.EchoRemaining = connection.Outstanding > 1 ? _options.MessageBytes : 0;
        return ResponseOutcome.Completed;
    }

    /// <summary>Records an answer and sends what comes next; false if the connection was closed meanwhile.</summary>
    private bool OnResponse(LoadConnection connection, long now)
    {
        var slot = connection.RingHead;
        connection.RingHead = (slot + 1) % connection.SendTicks.Length;
        connection.Outstanding--;
        connection.AnsweredOnConnection++;
        if (_window is { } window)
        {
            window.Requests++;
            window.Latency.Record((long)((now - connection.SendTicks[slot]) * NanosPerTick));
            if (_rateMode)
            {
                window.CorrectedLatency.Record((long)((now - connection.IntendedTicks[slot]) * NanosPerTick));
            }

            if (connection.Status is < 200 or > 299)
            {
                window.Errors[(int)LoadErrorKind.Status]++;
            }
        }

        if (connection.ServerCloses || (_options.RequestsPerConnection > 0 && connection.AnsweredOnConnection >= _options.RequestsPerConnection))
        {
            if (connection.Outstanding == 0)
            {
                Reconnect(connection, now);
                return false;
            }

            return true;
        }

        if (!_sending || !connection.Active)
        {
            return true;
        }

        if (!_rateMode)
        {
            // Closed loop, as wrk: a connection sends its next batch when the last answer of this one is in.
            if (connection.Outstanding == 0)
            {
                _readyToSend.Add(connection);
            }
        }
        else
        {
            connection.NextDueTicks += _intervalTicks;
            StartConnection(connection, now);
        }

        return connection.Socket is not null;
    }

    private void ScanTimeouts(long now)
    {
        if (now < _nextTimeoutScan)
        {
            return;
        }

        _nextTimeoutScan = now + (TimeoutScanMilliseconds * Stopwatch.Frequency / 1000);
        foreach (var connection in _connections)
        {
            if (connection.Socket is not null && !connection.Connecting && connection.Outstanding > 0
                && now - connection.SendTicks[connection.RingHead] > _timeoutTicks)
            {
                Fail(connection, LoadErrorKind.Timeout, now);
            }
        }
    }

    private void Fail(LoadConnection connection, LoadErrorKind kind, long now)
    {
        Count(kind);
        Reconnect(connection, now);
    }

    private void Reconnect(LoadConnection connection, long now)
    {
        connection.Socket?.Dispose();
        connection.Socket = null;
        _open--;
        if (_window is { } window)
        {
            window.Reconnects++;
        }

        if (!_stopping)
        {
            BeginConnect(connection, now);
        }
    }

    private void Count(LoadErrorKind kind)
    {
        if (_window is { } window)
        {
            window.Errors[(int)kind]++;
        }
    }

    private ulong Token(LoadConnection connection) => ((ulong)_generations[connection.Index] << 32) | (uint)connection.Index;
}
