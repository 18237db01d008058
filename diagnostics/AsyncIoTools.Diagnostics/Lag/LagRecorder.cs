using AsyncIoTools.Measurement;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// Cuts the stream of matched work items into intervals by event time, and closes each interval as soon as the
/// stream has passed its end (or, when the target emits nothing at all, once the wall clock is a grace period
/// past it). An interval during which the runtime lost events is kept in the list but marked dropped and left out
/// of the summary, and matching restarts, since a lost dequeue would otherwise pair with a later enqueue.
/// Called from the trace reader thread and from a timer, hence one lock.
/// </summary>
public sealed class LagRecorder
{
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
            _tracker.OnEnqueue(workId, timestamp, threadId);
        }
    }

    public void OnDequeue(long workId, long timestamp, int threadId)
    {
        lock (_gate)
        {
            AdvanceTo(timestamp);
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
                    if (value >= 1 && timestamp > _tracker.LastDequeue)
                    {
                        _unservedSince = Math.Min(_unservedSince, timestamp);
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
            var kept = _intervals.Where(i => !i.Dropped).ToList();
            var last = _intervals.LastOrDefault();
            var external = DelayStatistics.From(_keptExternal);
            var summary = new LagSummary(Figures(external, DelayStatistics.From(_keptTimers), DelayStatistics.From(_keptAll), _maxOldestPending, _maxNothingServed, last?.PendingItems ?? 0))
            {
                Seconds = seconds,
                Intervals = kept.Count,
                DroppedIntervals = _intervals.Count - kept.Count,
            };
            var lost = _lostEvents();
            var events = new LagEventCounts(
                _tracker.Enqueues,
                _tracker.Dequeues,
                _tracker.Matched,
                _tracker.UnmatchedDequeues,
                _tracker.Forgotten,
                lost,
                seconds > 0 ? (_tracker.Enqueues + _tracker.Dequeues) / seconds : 0);
            return (summary, events);
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
        if (_tracker.LastDequeue >= _unservedSince)
        {
            _unservedSince = long.MaxValue;
        }

        var nothingServedMicros = _unservedSince < end ? (end - _unservedSince) / 1000 : 0;
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
        }

        var interval = new LagInterval(Figures(DelayStatistics.From(_tracker.External), DelayStatistics.From(_tracker.Timers), DelayStatistics.From(_tracker.All), oldestNanos / 1000, nothingServedMicros, pending))
        {
            Index = _intervals.Count,
            StartSeconds = (_currentStart - _start) / 1e9,
            EndSeconds = (end - _start) / 1e9,
            StartTimestamp = _currentStart,
            EndTimestamp = end,
            LostEvents = lostHere,
            Dropped = dropped,
        };
        _intervals.Add(interval);
        _closed?.Invoke(interval, _tracker.External);
        _tracker.ResetDelays();
        _currentStart = end;
        _progress?.Report(interval);
    }

    private LagFigures Figures(DelayStatistics external, DelayStatistics timers, DelayStatistics all, long oldestPendingMicros, long nothingServedMicros, long pending)
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
            Verdict = verdict,
            VerdictText = text,
        };
    }
}
