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
/// <param name="pendingExpiryNanos">How long an unmatched enqueue is kept.</param>
/// <param name="isTimerThread">
/// Whether an external thread is the runtime's timer thread: its callbacks go to the pool's high-priority queue
/// and overtake the global queue, so their delays are kept apart (<see cref="Timers"/>) from the headline figures.
/// </param>
public sealed class WorkItemTracker(long pendingExpiryNanos, Func<int, bool>? isTimerThread = null)
{
    /// <summary>Dequeues run on several threads, so FIFO order holds only to within this much.</summary>
    private const long FifoSlackNanos = 100_000_000;

    private readonly Dictionary<long, QueuedItem> _pending = [];
    private readonly HashSet<int> _poolThreads = [];
    private readonly Dictionary<int, bool> _timerThreads = [];
    private readonly Dictionary<int, long> _newestServedBySource = [];

    /// <summary>Items queued from outside the pool into its global queue: what new work waits.</summary>
    public LatencyHistogram External { get; } = new();

    /// <summary>Timer callbacks, queued by the timer thread to the high-priority queue.</summary>
    public LatencyHistogram Timers { get; } = new();

    public LatencyHistogram All { get; } = new();

    public long Enqueues { get; private set; }

    public long Dequeues { get; private set; }

    public long Matched { get; private set; }

    /// <summary>Dequeues with no enqueue (queued before the session, or the enqueue event was lost).</summary>
    public long UnmatchedDequeues { get; private set; }

    /// <summary>Pending items forgotten: consumed without a dequeue event, older than the expiry, or still waiting when a sampling window closed.</summary>
    public long Forgotten { get; private set; }

    public int PendingCount => _pending.Count;

    /// <summary>When the last dequeue happened (long.MinValue before the first).</summary>
    public long LastDequeue { get; private set; } = long.MinValue;

    public void OnEnqueue(long workId, long timestamp, int threadId)
    {
        Enqueues++;
        var pool = _poolThreads.Contains(threadId);
        _pending[workId] = new QueuedItem(timestamp, pool ? PoolSource : threadId, !pool && IsTimerThread(threadId));
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
            (item.Timer ? Timers : External).Record(delay);
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

    /// <summary>After lost events (or a closed window) nothing pending can be trusted: start matching afresh.</summary>
    public void ForgetPending()
    {
        Forgotten += _pending.Count;
        _pending.Clear();
    }

    /// <summary>Starts new delay histograms for the next interval (counts and pending items carry on).</summary>
    public void ResetDelays()
    {
        External.Reset();
        Timers.Reset();
        All.Reset();
    }

    /// <summary>The source of items queued by pool threads (to their local queues, or globally): no FIFO rule applies.</summary>
    private const int PoolSource = -1;

    private bool IsTimerThread(int threadId)
    {
        if (isTimerThread is null)
        {
            return false;
        }

        if (!_timerThreads.TryGetValue(threadId, out var timer))
        {
            timer = isTimerThread(threadId);
            _timerThreads[threadId] = timer;
        }

        return timer;
    }

    /// <summary>A queued item: when, which external thread queued it (<see cref="PoolSource"/> for pool threads), and whether that is the timer thread.</summary>
    private readonly record struct QueuedItem(long Timestamp, int Source, bool Timer)
    {
        public bool External => Source != PoolSource;
    }
}
