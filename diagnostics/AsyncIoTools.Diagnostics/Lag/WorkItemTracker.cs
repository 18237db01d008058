using AsyncIoTools.Measurement;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// Matches ThreadPoolEnqueueWork with ThreadPoolDequeueWork by work id and records each delay. Items queued by a
/// thread that has never dequeued (a timer, a socket engine, a request source) are "external". Such a thread always
/// feeds the same FIFO queue (the global queue; the timer thread, the high-priority one), so once an item it queued
/// later has been served, an older one of its items still unmatched was consumed without an event (run inline, or
/// its event lost) and is forgotten rather than reported as waiting. Anything else unmatched ages out after the
/// expiry. Timestamps are in nanoseconds.
/// </summary>
public sealed class WorkItemTracker(long pendingExpiryNanos)
{
    /// <summary>Dequeues run on several threads, so FIFO order holds only to within this much.</summary>
    private const long FifoSlackNanos = 100_000_000;

    private readonly Dictionary<long, QueuedItem> _pending = [];
    private readonly HashSet<int> _poolThreads = [];
    private readonly Dictionary<int, long> _newestServedBySource = [];

    public LatencyHistogram External { get; } = new();

    public LatencyHistogram All { get; } = new();

    public long Enqueues { get; private set; }

    public long Dequeues { get; private set; }

    public long Matched { get; private set; }

    /// <summary>Dequeues with no enqueue (queued before the session, or the enqueue event was lost).</summary>
    public long UnmatchedDequeues { get; private set; }

    /// <summary>Pending items forgotten: consumed without a dequeue event, or older than the expiry.</summary>
    public long Forgotten { get; private set; }

    public int PendingCount => _pending.Count;

    /// <summary>When the last dequeue happened (long.MinValue before the first).</summary>
    public long LastDequeue { get; private set; } = long.MinValue;

    public void OnEnqueue(long workId, long timestamp, int threadId)
    {
        Enqueues++;
        _pending[workId] = new QueuedItem(timestamp, _poolThreads.Contains(threadId) ? PoolSource : threadId);
    }

    public void OnDequeue(long workId, long timestamp, int threadId)
    {
        Dequeues++;
        LastDequeue = Math.Max(LastDequeue, timestamp);
        _poolThreads.Add(threadId);
        if (!_pending.Remove(workId, out var item))
        {
            UnmatchedDequeues++;
            return;
        }

        Matched++;
        var delay = Math.Max(0, timestamp - item.Timestamp);
        All.Record(delay);
        if (item.External)
        {
            External.Record(delay);
            _newestServedBySource[item.Source] = Math.Max(_newestServedBySource.GetValueOrDefault(item.Source, long.MinValue), item.Timestamp);
        }
    }

    /// <summary>
    /// At <paramref name="now"/>: forgets what can no longer be waiting, then returns the age of the oldest external
    /// item still waiting and the number of items queued and not yet served (both as of <paramref name="now"/>).
    /// </summary>
    public (long OldestExternalNanos, long Pending) Inspect(long now)
    {
        var expiry = now - pendingExpiryNanos;
        List<long>? forget = null;
        var oldest = long.MaxValue;
        long pending = 0;
        foreach (var (workId, item) in _pending)
        {
            if (item.Timestamp < expiry || OvertakenInItsQueue(item))
            {
                (forget ??= []).Add(workId);
                continue;
            }

            if (item.Timestamp > now)
            {
                continue;
            }

            pending++;
            if (item.External && item.Timestamp < oldest)
            {
                oldest = item.Timestamp;
            }
        }

        foreach (var workId in forget ?? [])
        {
            _pending.Remove(workId);
            Forgotten++;
        }

        return (oldest == long.MaxValue ? 0 : now - oldest, pending);
    }

    /// <summary>True when an item its source queued more than the slack later has already been served.</summary>
    private bool OvertakenInItsQueue(QueuedItem item) =>
        item.External
        && _newestServedBySource.TryGetValue(item.Source, out var newestServed)
        && item.Timestamp < newestServed - FifoSlackNanos;

    /// <summary>After lost events nothing pending can be trusted: start matching afresh.</summary>
    public void ForgetPending()
    {
        Forgotten += _pending.Count;
        _pending.Clear();
    }

    /// <summary>Starts new delay histograms for the next interval (counts and pending items carry on).</summary>
    public void ResetDelays()
    {
        External.Reset();
        All.Reset();
    }

    /// <summary>The source of items queued by pool threads (to their local queues, or globally): no FIFO rule applies.</summary>
    private const int PoolSource = -1;

    /// <summary>A queued item: when, and which external thread queued it (<see cref="PoolSource"/> for pool threads).</summary>
    private readonly record struct QueuedItem(long Timestamp, int Source)
    {
        public bool External => Source != PoolSource;
    }
}
