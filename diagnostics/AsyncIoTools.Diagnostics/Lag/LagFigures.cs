namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// The figures of one interval or of a whole session. The headline percentiles are those of items queued from
/// outside the pool into its global queue (sockets, request sources, other threads: what new work waits for a
/// thread, the counterpart of an event-loop delay). <see cref="Timers"/> are the timer thread's callbacks, which
/// go to the high-priority queue and overtake the rest; <see cref="All"/> adds the continuations that pool
/// threads queue themselves.
/// </summary>
public record LagFigures
{
    public long Items { get; init; }

    public long P50Micros { get; init; }

    public long P90Micros { get; init; }

    public long P99Micros { get; init; }

    public long MaxMicros { get; init; }

    /// <summary>The longest an item queued from outside the pool had been waiting, still unserved, at an interval's end.</summary>
    public long OldestPendingMicros { get; init; }

    /// <summary>
    /// How long the runtime's queue-length counter had shown queued work while no item was dequeued at all: the
    /// sign of a pool whose threads are all blocked (such a runtime emits no per-item events until one frees).
    /// </summary>
    public long NothingServedMicros { get; init; }

    /// <summary>Items queued but not yet dequeued at the end (all queues).</summary>
    public long PendingItems { get; init; }

    public DelayStatistics Timers { get; init; } = DelayStatistics.Empty;

    public DelayStatistics All { get; init; } = DelayStatistics.Empty;

    /// <summary>The runtime's own threadpool-queue-length counter (last value seen), if it reported one.</summary>
    public double? QueueLength { get; init; }

    /// <summary>The runtime's threadpool-thread-count counter (last value seen), if it reported one.</summary>
    public double? ThreadCount { get; init; }

    public LagVerdict Verdict { get; init; }

    public string VerdictText { get; init; } = string.Empty;

    /// <summary>The 99.9th percentile (last, so the documented JSON order of the others stays as it was).</summary>
    public long P999Micros { get; init; }

    /// <summary>
    /// Little's law over the runtime's counters: queue length over items completed per second, the mean wait of
    /// what was queued (the largest such figure of an interval; of the session, its worst interval). It covers the
    /// whole interval; 0 when the pool completed nothing (see <see cref="NothingServedMicros"/>).
    /// </summary>
    public long QueueWaitMicros { get; init; }

    /// <summary>
    /// The share of the time work items were followed: 1 unless the target emitted more events than the budget and
    /// was sampled in windows (<see cref="EventPipe.SessionSampling"/>); the percentiles are those of the followed time.
    /// </summary>
    public double FollowedFraction { get; init; } = 1;
}
