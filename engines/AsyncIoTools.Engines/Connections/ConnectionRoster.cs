using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Connections;

/// <summary>
/// The open connections of an engine that gives each its own flow, and the totals of those that ended: a
/// thread's syscall tally outlives the thread here, so the engine's counters never lose what a closed
/// connection did. The roster watches the flows' deadlines, interrupting a flow whose deadline has passed.
/// Stopping interrupts every open flow and waits until the last one has left.
/// </summary>
internal sealed class ConnectionRoster : IDisposable
{
    private readonly SharedDeadlines _deadlines = new(static machine => ((ConnectionFlow)machine.Owner!).Interrupt());
    private readonly Lock _gate = new();
    private readonly HashSet<ConnectionFlow> _open = [];
    private readonly LoopCounters _ended = new();
    private readonly long[] _endedSyscalls = new long[SyscallTally.KindCount];
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closing;

    /// <summary>Connections open now.</summary>
    public int OpenCount
    {
        get
        {
            lock (_gate)
            {
                return _open.Count;
            }
        }
    }

    /// <summary>Admits a new connection; false once the server is stopping (the caller closes it).</summary>
    public bool TryEnter(ConnectionFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        lock (_gate)
        {
            if (_closing || !_open.Add(flow))
            {
                return false;
            }
        }

        _deadlines.Add(flow.Machine);
        return true;
    }

    /// <summary>A flow's last act, after its socket is closed: its counts (a limit that expired it included) join the totals of ended connections.</summary>
    public void Leave(ConnectionFlow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        _deadlines.Remove(flow.Machine);
        flow.Machine.Close();
        lock (_gate)
        {
            if (!_open.Remove(flow))
            {
                return;
            }

            flow.Counters.AddTo(_ended);
            flow.Tally?.AddTo(_endedSyscalls);
            _ended.ConnectionsClosed++;
            if (_closing && _open.Count == 0)
            {
                _drained.TrySetResult();
            }
        }
    }

    /// <summary>Adds what every connection did, ended or open, into the totals.</summary>
    public void AddTo(LoopCounters total, Span<long> syscalls)
    {
        lock (_gate)
        {
            _ended.AddTo(total);
            for (var i = 0; i < syscalls.Length; i++)
            {
                syscalls[i] += _endedSyscalls[i];
            }

            foreach (var flow in _open)
            {
                flow.Counters.AddTo(total);
                flow.Tally?.AddTo(syscalls);
            }
        }
    }

    /// <summary>Admits no more connections, interrupts the open ones, and completes when the last has left.</summary>
    public Task CloseAllAsync()
    {
        ConnectionFlow[] open;
        lock (_gate)
        {
            _closing = true;
            open = [.. _open];
            if (open.Length == 0)
            {
                _drained.TrySetResult();
            }
        }

        foreach (var flow in open)
        {
            flow.Interrupt();
        }

        return _drained.Task;
    }

    public void Dispose() => _deadlines.Dispose();
}
