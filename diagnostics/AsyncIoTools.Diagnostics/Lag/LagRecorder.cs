using AsyncIoTools.Measurement;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// Cuts the stream of matched work items into intervals by event time, and closes each interval as soon as the
/// stream has passed its end (or, when the target emits nothing at all, once the wall clock is a grace period
/// past it). An interval during which the runtime lost events is kept in the list but marked dropped and left out
/// of the summary, and matching restarts, since a lost dequeue would otherwise pair with a later enqueue.
/// A sampled session follows work items only in windows (<see cref="OpenWindow"/>, <see cref="CloseWindow"/>); each
/// interval then says which share of it was followed, and the runtime's counters still cover it whole.
/// Called from the trace reader threads and from a timer, hence one lock.
/// </summary>
public sealed class LagRecorder
{
    /// <summary>How far apart the counters of one period may be stamped.</summary>
    private const long CounterBatchNanos = 100_000_000;

    private readonly Lock _gate = new();
    private readonly long _start;
    private readonly long _intervalNanos;
    private readonly IProgress<LagInterval>? _progress;
    private readonly Action<LagInterval, LatencyHistogram>? _closed;
    private readonly Func<long> _lostEvents;
    private readonly WorkItemTracker _tracker;
    private readonly LatencyHistogram _keptExternal = new();
    private readonly LatencyHistogram _keptTimers = new();
    private readonly LatencyHistogram _keptAll = new();
    private readonly List<LagInterval> _intervals = [];
    private long _currentStart;
    private long _lostAtLastClose;
    private long _maxOldestPending;
    private long _maxNothingServed;
    private long _unservedSince = long.MaxValue;
    private double? _queueLength;
    private double? _threadCount;
    private long _servedByCounters = long.MinValue;
    private long _lastCompletedAt = long.MinValue;
    private long _noneCompletedSince = long.MaxValue;
    private long _noneCompletedUntil;
    private long _queueWaitNanos;
    private long _maxQueueWait;
    private (long At, double Value) _queueBefore = (long.MinValue, 0);
    private (long At, double Value) _queueLatest = (long.MinValue, 0);
    private bool _windowed;
    private bool _following;
    private long _followMark;
    private long _followedInInterval;
    private long _followedTotal;
    private long _windowOldestNanos;
    private long _lastItemEvent = long.MinValue;

    /// <param name="start">Session start on the target's monotonic clock, in nanoseconds.</param>
    /// <param name="lostEvents">The reader's running count of events the runtime dropped.</param>
    /// <param name="isTimerThread">Tells the runtime's timer thread from other external threads (see <see cref="WorkItemTracker"/>).</param>
    /// <param name="closed">Sees each interval as it closes with its delays (nanoseconds, external items), before they are reset.</param>
    public LagRecorder(long start, TimeSpan interval, TimeSpan pendingExpiry, Func<long> lostEvents, IProgress<LagInterval>? progress, Func<int, bool>? isTimerThread = null, Action<LagInterval, LatencyHistogram>? closed = null)
    {
        _closed = closed;
        ArgumentNullException.ThrowIfNull(lostEvents);
        _start = start;
        _currentStart = start;
        _intervalNanos = (long)interval.TotalNanoseconds;
        _lostEvents = lostEvents;
        _progress = progress;
        _tracker = new WorkItemTracker((long)pendingExpiry.TotalNanoseconds, isTimerThread);
    }

    public IReadOnlyList<LagInterval> Intervals
    {
        get
        {
            lock (_gate)
            {
                return [.. _intervals];
            }
        }
    }

    public void OnEnqueue(long workId, long timestamp, int threadId)
    {
        lock (_gate)
        {
            AdvanceTo(timestamp);
            _lastItemEvent = Math.Max(_lastItemEvent, timestamp);
            _tracker.OnEnqueue(workId, timestamp, threadId);
        }
    }

    /// <summary>The last time the pool was seen serving work: a dequeue event, or a counter period with items completed.</summary>
    private long LastServed => Math.Max(_tracker.LastDequeue, _servedByCounters);

    public void OnDequeue(long workId, long timestamp, int threadId)
    {
        lock (_gate)
        {
            AdvanceTo(timestamp);
            _lastItemEvent = Math.Max(_lastItemEvent, timestamp);
            _tracker.OnDequeue(workId, timestamp, threadId);
        }
    }

    public void OnCounter(string name, double value, long timestamp)
    {
        lock (_gate)
        {
            switch (name)
            {
                case RuntimeCounterPayload.QueueLength:
                    _queueLength = value;
                    _queueBefore = _queueLatest;
                    _queueLatest = (timestamp, value);

                    // The counters of one period come within microseconds of each other, in no promised order.
                    if (value >= 1 && LastServed < timestamp - CounterBatchNanos)
                    {
                        _unservedSince = Math.Min(_unservedSince, timestamp);
                    }

                    break;
                case RuntimeCounterPayload.CompletedItems:
                    OnCompleted(value, timestamp);

                    // Items completed in the period just ended: the pool served, whether or not a dequeue was seen.
                    if (value > 0)
                    {
                        _servedByCounters = Math.Max(_servedByCounters, timestamp);
                        if (_unservedSince != long.MaxValue && _unservedSince <= timestamp + CounterBatchNanos)
                        {
                            _unservedSince = long.MaxValue;
                        }
                    }

                    break;
                case RuntimeCounterPayload.ThreadCount:
                    _threadCount = value;
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// From <paramref name="timestamp"/> work items are followed (a sampled session's window opened). A recorder
    /// never told of windows follows every item throughout.
    /// </summary>
    public void OpenWindow(long timestamp)
    {
        lock (_gate)
        {
            AdvanceTo(timestamp);
            _windowed = true;
            _following = true;
            _followMark = Math.Max(timestamp, _currentStart);
        }
    }

    /// <summary>
    /// At <paramref name="timestamp"/> the window closed: what still waits then counts as waiting (its dequeue will not
    /// be seen, so its wait so far is the interval's oldest pending if longest), then is forgotten, so an item waiting longer than a window shows as the oldest pending, not as a delay.
    /// </summary>
    public void CloseWindow(long timestamp)
    {
        lock (_gate)
        {
            if (!_following)
            {
                AdvanceTo(timestamp);
                return;
            }

            // The runtime stopped writing when it took the stop request, somewhere before the request returned: the
            // window ends at the last event it carried (what waits is aged to then, a lower bound), or, when it
            // carried none, at the return.
            var closed = _lastItemEvent >= _followMark ? Math.Min(timestamp, _lastItemEvent) : timestamp;
            AdvanceTo(closed);
            var (oldestNanos, _) = _tracker.Inspect(closed);
            _windowOldestNanos = Math.Max(_windowOldestNanos, oldestNanos);
            _followedInInterval += Math.Max(0, closed - _followMark);
            _following = false;
            _tracker.ForgetPending();
            AdvanceTo(timestamp);
        }
    }

    /// <summary>Closes intervals that ended before <paramref name="timestamp"/> even if no event has passed them.</summary>
    public void AdvanceClock(long timestamp)
    {
        lock (_gate)
        {
            AdvanceTo(timestamp);
        }
    }

    /// <summary>Closes the last, partial interval at <paramref name="end"/> and returns the session's figures.</summary>
    public (LagSummary Summary, LagEventCounts Events) Finish(long end)
    {
        lock (_gate)
        {
            AdvanceTo(end);
            if (end > _currentStart)
            {
                Close(end);
            }

            var seconds = Math.Max(0, end - _start) / 1e9;
            var followedSeconds = _windowed ? _followedTotal / 1e9 : seconds;
            var kept = _intervals.Where(i => !i.Dropped).ToList();
            var last = _intervals.LastOrDefault();
            var external = DelayStatistics.From(_keptExternal);
            var summary = new LagSummary(Figures(external, DelayStatistics.From(_keptTimers), DelayStatistics.From(_keptAll), _maxOldestPending, _maxNothingServed, last?.PendingItems ?? 0, _maxQueueWait))
            {
                Seconds = seconds,
                Intervals = kept.Count,
                DroppedIntervals = _intervals.Count - kept.Count,
                FollowedFraction = seconds > 0 ? Math.Min(1, followedSeconds / seconds) : 1,
            };
            var lost = _lostEvents();
            var events = new LagEventCounts(
                _tracker.Enqueues,
                _tracker.Dequeues,
                _tracker.Matched,
                _tracker.UnmatchedDequeues,
                _tracker.Forgotten,
                lost,
                followedSeconds > 0 ? (_tracker.Enqueues + _tracker.Dequeues) / followedSeconds : 0);
            return (summary, events);
        }
    }

    /// <summary>
    /// The completed-items counter: the pool's throughput over the period just ended. With the queue length, Little's
    /// law gives the mean wait of what is queued (L / λ) over the whole period. A period that served
    /// nothing while the queue already held work at its start means nothing was served since that start.
    /// </summary>
    private void OnCompleted(double completed, long timestamp)
    {
        var since = _lastCompletedAt;
        _lastCompletedAt = timestamp;
        if (since == long.MinValue)
        {
            return;
        }

        // The queue sample of this period's batch, and the one from the batch before (the period's start).
        var (startAt, startLength) = _queueLatest.At >= timestamp - CounterBatchNanos ? _queueBefore : _queueLatest;
        if (completed <= 0)
        {
            // Items may still be dequeued (by threads that then block at once): none completing is the sign.
            if (startLength >= 1 && startAt != long.MinValue && startAt >= since - CounterBatchNanos)
            {
                _noneCompletedSince = Math.Min(_noneCompletedSince, startAt);
                _noneCompletedUntil = timestamp;
            }

            return;
        }

        _noneCompletedSince = long.MaxValue;

        // The period's mean queue length, as well as two samples tell it: its start's and its end's (or the latest).
        if (_queueLatest.At != long.MinValue)
        {
            var length = startAt != long.MinValue && startAt != _queueLatest.At ? (startLength + _queueLatest.Value) / 2 : _queueLatest.Value;
            var rate = completed / ((timestamp - since) / 1e9);
            _queueWaitNanos = Math.Max(_queueWaitNanos, (long)(length / rate * 1e9));
        }
    }

    private void AdvanceTo(long timestamp)
    {
        while (timestamp >= _currentStart + _intervalNanos)
        {
            Close(_currentStart + _intervalNanos);
        }
    }

    private void Close(long end)
    {
        var lost = _lostEvents();
        var lostHere = lost - _lostAtLastClose;
        _lostAtLastClose = lost;
        var (oldestNanos, pending) = _tracker.Inspect(end);
        oldestNanos = Math.Max(oldestNanos, _windowOldestNanos);
        _windowOldestNanos = 0;
        if (_following)
        {
            _followedInInterval += Math.Max(0, end - _followMark);
            _followMark = end;
        }

        var length = end - _currentStart;
        var followed = _windowed ? Math.Min(_followedInInterval, length) : length;
        _followedTotal += followed;
        _followedInInterval = 0;
        var queueWaitMicros = _queueWaitNanos / 1000;
        _queueWaitNanos = 0;
        if (LastServed >= _unservedSince)
        {
            _unservedSince = long.MaxValue;
        }

        var nothingServedMicros = _unservedSince < end ? (end - _unservedSince) / 1000 : 0;
        if (_noneCompletedSince < _noneCompletedUntil)
        {
            nothingServedMicros = Math.Max(nothingServedMicros, (_noneCompletedUntil - _noneCompletedSince) / 1000);
        }

        var dropped = lostHere > 0;
        if (dropped)
        {
            _tracker.ForgetPending();
        }
        else
        {
            _keptExternal.Add(_tracker.External);
            _keptTimers.Add(_tracker.Timers);
            _keptAll.Add(_tracker.All);
            _maxOldestPending = Math.Max(_maxOldestPending, oldestNanos / 1000);
            _maxNothingServed = Math.Max(_maxNothingServed, nothingServedMicros);
            _maxQueueWait = Math.Max(_maxQueueWait, queueWaitMicros);
        }

        var interval = new LagInterval(Figures(DelayStatistics.From(_tracker.External), DelayStatistics.From(_tracker.Timers), DelayStatistics.From(_tracker.All), oldestNanos / 1000, nothingServedMicros, pending, queueWaitMicros))
        {
            Index = _intervals.Count,
            StartSeconds = (_currentStart - _start) / 1e9,
            EndSeconds = (end - _start) / 1e9,
            StartTimestamp = _currentStart,
            EndTimestamp = end,
            LostEvents = lostHere,
            Dropped = dropped,
            FollowedFraction = length > 0 ? (double)followed / length : 1,
        };
        _intervals.Add(interval);
        _closed?.Invoke(interval, _tracker.External);
        _tracker.ResetDelays();
        _currentStart = end;
        _progress?.Report(interval);
    }

    private LagFigures Figures(DelayStatistics external, DelayStatistics timers, DelayStatistics all, long oldestPendingMicros, long nothingServedMicros, long pending, long queueWaitMicros)
    {
        var headline = external.Items > 0 ? external : all;
        var (verdict, text) = LagVerdictRule.Judge(headline.P99Micros, oldestPendingMicros, nothingServedMicros, _queueLength);
        return new LagFigures
        {
            Items = external.Items,
            P50Micros = external.P50Micros,
            P90Micros = external.P90Micros,
            P99Micros = external.P99Micros,
            P999Micros = external.P999Micros,
            MaxMicros = external.MaxMicros,
            OldestPendingMicros = oldestPendingMicros,
            NothingServedMicros = nothingServedMicros,
            PendingItems = pending,
            Timers = timers,
            All = all,
            QueueLength = _queueLength,
            ThreadCount = _threadCount,
            QueueWaitMicros = queueWaitMicros,
            Verdict = verdict,
            VerdictText = text,
        };
    }
}
