using AsyncIoTools.Engines.Connections;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;
using AsyncIoTools.Engines.EventLoop;

namespace AsyncIoTools.Engines.Reactor;

/// <summary>
/// One reactor loop thread: wait for readiness, then read, let the connection's machine answer, write. The same
/// loop runs over select, poll and epoll; only the demultiplexer differs, which is what makes their costs
/// comparable. Buffers belong to the loop; a connection holds bytes only when a head is split or the socket would
/// not take all the output. Nothing is allocated per request. The clock is read once per iteration; deadlines are
/// looked at when the loop's wheel comes due.
/// </summary>
internal sealed partial class ReactorLoop : LoopWorker
{
    internal const ulong ListenerToken = ulong.MaxValue;
    internal const ulong WakeToken = ulong.MaxValue - 1;

    // Level-triggered: accept up to this many per wake-up. A client that opens thousands of connections at once
    // (wrk -c10000) overflows the listen queue unless it is drained quickly, and dropped SYNs wait a second to retry.
    private const int AcceptBatch = 1024;
    private const int EventBatch = 512;
    private const int BufferBytes = 64 * 1024;

    // A file body read/write moves through a chunk of its own: four times the loop's buffer, so a MiB costs 4 pread and
    // 4 send calls rather than 16 of each (the C twin reads 256 KiB at a time too).
    private const int FileChunkBytes = 256 * 1024;

    /// <summary>
    /// A splice pipe of 1 MiB (pipe-max-size): each splice moves up to 1 MiB of page references instead of 64 KiB,
    /// 16 times fewer pairs per body. Under cubic, 7 interleaved trials of a 64 MiB body, epoll splice went from
    /// 6,411 to 10,189 MiB/s and 155 to 97 µs of CPU per MiB (spreads 2-3%); under BBR, whose pacing holds every
    /// transfer near 4,000 MiB/s here, it was 8% slower (3,728 against 4,118, spreads 19-24%). A user other than root
    /// holds at most fs.pipe-user-pages-soft of pipes (64 MiB by default): past 64 such pipes at once, the kernel
    /// makes new ones small, as it would past 1,024 of 64 KiB.
    /// </summary>
    private const int SplicePipeBytes = 1 << 20;

    private readonly IReadinessDemultiplexer _demultiplexer;
    private readonly ServerRules _rules;
    private readonly SocketTuning _tuning;
    private readonly FileTransfer _transfer;
    private readonly NativeSocket? _listener;
    private readonly SparePipes _sparePipes = new(SplicePipeBytes);
    private readonly SocketRecycler _recycler = new();
    private readonly EventSignal _wake = EventSignal.Create();
    private readonly HandOffQueue _handedOver;
    private readonly HandOffRing<ReactorLoop> _handOff = new();
    private readonly AcceptPause _acceptPause = new();
    private readonly ConnectionSlots<ReactorConnection> _connections = new();
    private readonly List<ConnectionMachine> _expired = [];
    private readonly ReadyEvent[] _events = new ReadyEvent[EventBatch];
    private readonly byte[] _readBuffer = GC.AllocateUninitializedArray<byte>(BufferBytes);
    private readonly byte[] _writeBuffer = GC.AllocateUninitializedArray<byte>(BufferBytes);
    private byte[]? _fileChunk;
    private readonly bool _edge;
    private DeadlineWheel _wheel = new(Environment.TickCount64);
    private long _now;
    private volatile bool _stopping;

    /// <param name="listener">The listening socket this loop accepts from and owns, or null if connections are handed to it.</param>
    public ReactorLoop(string threadName, IReadinessDemultiplexer demultiplexer, ServerRules rules, SocketTuning tuning, FileTransfer transfer, NativeSocket? listener)
        : base(threadName)
    {
        _demultiplexer = demultiplexer;
        _rules = rules;
        _tuning = tuning;
        _transfer = transfer;
        _listener = listener;
        _edge = demultiplexer.EdgeTriggered;
        _handedOver = new HandOffQueue(_wake);
    }

    /// <summary>The loops this one's listener feeds in turn (itself included); empty: it keeps what it accepts.</summary>
    public void HandOffTo(ReactorLoop[] peers) => _handOff.Set(peers);

    public override void RequestStop()
    {
        _stopping = true;
        _wake.Signal();
    }

    public override void Run()
    {
        _now = Environment.TickCount64;
        _wheel = new DeadlineWheel(_now);
        _demultiplexer.AddSignal(_wake, WakeToken);
        if (_listener is not null && !_demultiplexer.TryAdd(_listener, IoEvents.Readable, ListenerToken))
        {
            throw new InvalidOperationException("the listening socket cannot be registered");
        }

        try
        {
            while (!_stopping)
            {
                Turn();
            }
        }
        finally
        {
            Shutdown();
        }
    }

    // One wait and its events. A method of its own because Run is entered once and never returns while serving: the
    // JIT could only ever replace its loop on the stack (OSR), whose code reaches locals through the original frame;
    // this method is called each turn and so is compiled whole at the top tier, with its callees inlined.
    private void Turn()
    {
        var ready = _demultiplexer.Wait(_events, WaitTimeout());
        _now = Environment.TickCount64;
        Counters.LoopIterations++;
        Counters.EventsReturned += ready;
        for (var i = 0; i < ready; i++)
        {
            Dispatch(_events[i]);
        }

        ResumeAcceptingWhenDue();
        if (_wheel.IsDue(_now))
        {
            CloseExpired();
        }
    }

    /// <summary>Gives this loop a connection accepted by another loop; safe from any thread.</summary>
    public void HandOver(NativeSocket socket) => _handedOver.Add(socket);

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
            while (_handedOver.TryTake(out var socket))
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
            OnReadable(connection, peerClosed: (events & IoEvents.ReadHangUp) != 0);
        }
    }

    private int WaitTimeout() => _acceptPause.WaitMilliseconds(_now, _wheel);

    private void CloseExpired()
    {
        _wheel.Advance(_now, _expired);
        foreach (var machine in _expired)
        {
            var connection = (ReactorConnection)machine.Owner!;
            if (connection.Socket is not null)
            {
                Close(connection);
            }
        }

        _expired.Clear();
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
        connection.ReleaseOutput();
        connection.ReleaseFile(_sparePipes);
        connection.Machine.Close();
        _wheel.Remove(connection.Machine);
        _rules.Accept.Leave();
        _recycler.Close(socket);
        _connections.Free(connection.Slot);
        Counters.ConnectionsClosed++;
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
