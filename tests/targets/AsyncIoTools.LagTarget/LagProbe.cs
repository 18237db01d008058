using System.Diagnostics;

namespace AsyncIoTools.LagTarget;

/// <summary>
/// Like Node's monitorEventLoopDelay: a dedicated (non-pool) thread queues a small work item to the thread pool
/// every millisecond; each item records how long it waited for a thread, and the probe knows which still wait.
/// </summary>
internal sealed class LagProbe
{
    private readonly object _gate = new();
    private readonly SortedDictionary<long, long> _pending = [];
    private long _nextId;

    public DelayLog Delays { get; } = new();

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "lag-probe" };
        thread.Start();
    }

    /// <summary>How long the oldest probe item still waiting has waited, in microseconds (0 if none waits).</summary>
    public long OldestPendingMicros()
    {
        long oldestQueuedAt;
        lock (_gate)
        {
            oldestQueuedAt = _pending.Count == 0 ? 0 : _pending.First().Value;
        }

        return oldestQueuedAt == 0 ? 0 : (Stopwatch.GetTimestamp() - oldestQueuedAt) / 1000;
    }

    private void Run()
    {
        while (true)
        {
            var id = _nextId++;
            var queuedAt = Stopwatch.GetTimestamp();
            lock (_gate)
            {
                _pending.Add(id, queuedAt);
            }

            ThreadPool.UnsafeQueueUserWorkItem(static state => state.Probe.Complete(state.Id, state.QueuedAt), (Probe: this, Id: id, QueuedAt: queuedAt), preferLocal: false);
            Thread.Sleep(1);
        }
    }

    private void Complete(long id, long queuedAt)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            _pending.Remove(id);
        }

        Delays.Record(queuedAt, now);
    }
}
