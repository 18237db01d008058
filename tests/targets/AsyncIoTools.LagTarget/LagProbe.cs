using System.Diagnostics;
using AsyncIoTools.Measurement;

namespace AsyncIoTools.LagTarget;

/// <summary>
/// The in-process ground truth, like Node's monitorEventLoopDelay: a dedicated (non-pool) thread queues a small
/// work item to the thread pool every millisecond and each item records how long it waited for a thread.
/// Timestamps are <see cref="Stopwatch"/> ticks, which on Linux are CLOCK_MONOTONIC nanoseconds: the same clock
/// EventPipe stamps its events with, so a window chosen by the observer selects the same items here.
/// </summary>
internal sealed class LagProbe
{
    private readonly object _gate = new();
    private readonly List<(long QueuedAt, long CompletedAt)> _samples = [];
    private readonly SortedDictionary<long, long> _pending = [];
    private long _nextId;

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "lag-probe" };
        thread.Start();
    }

    /// <summary>
    /// Delay percentiles of the items queued and run within [start, end] (an observer attached at start can see
    /// exactly those), and the age of the oldest item still waiting now.
    /// </summary>
    public LagTruth Measure(long start, long end)
    {
        var histogram = new LatencyHistogram();
        long oldestQueuedAt;
        lock (_gate)
        {
            foreach (var (queuedAt, completedAt) in _samples)
            {
                if (queuedAt >= start && completedAt <= end)
                {
                    histogram.Record(completedAt - queuedAt);
                }
            }

            oldestQueuedAt = _pending.Count == 0 ? 0 : _pending.First().Value;
        }

        var now = Stopwatch.GetTimestamp();
        return new LagTruth(
            histogram.TotalCount,
            histogram.ValueAtPercentile(50) / 1000,
            histogram.ValueAtPercentile(90) / 1000,
            histogram.ValueAtPercentile(99) / 1000,
            histogram.Max / 1000,
            oldestQueuedAt == 0 ? 0 : (now - oldestQueuedAt) / 1000);
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
            _samples.Add((queuedAt, now));
        }
    }
}
