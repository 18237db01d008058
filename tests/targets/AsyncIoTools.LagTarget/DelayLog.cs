using System.Diagnostics;
using AsyncIoTools.Measurement;

namespace AsyncIoTools.LagTarget;

/// <summary>
/// The in-process ground truth: for every work item the app queues from a non-pool thread (probe items and
/// requests), when it was queued and when a pool thread started it. Timestamps are <see cref="Stopwatch"/> ticks,
/// which on Linux are CLOCK_MONOTONIC nanoseconds, the clock EventPipe stamps its events with, so a window chosen
/// by the observer selects the same items here.
/// </summary>
internal sealed class DelayLog
{
    private readonly object _gate = new();
    private readonly List<(long QueuedAt, long StartedAt)> _samples = [];

    public void Record(long queuedAt, long startedAt)
    {
        lock (_gate)
        {
            _samples.Add((queuedAt, startedAt));
        }
    }

    /// <summary>Delay percentiles (µs) of the items queued and started within [start, end]: those an observer attached at start can see.</summary>
    public (long Samples, long P50, long P90, long P99, long Max) Measure(long start, long end) => Merge(start, end, this);

    /// <summary>The same over several logs together.</summary>
    public static (long Samples, long P50, long P90, long P99, long Max) Merge(long start, long end, params DelayLog[] logs)
    {
        var histogram = new LatencyHistogram();
        foreach (var log in logs)
        {
            lock (log._gate)
            {
                foreach (var (queuedAt, startedAt) in log._samples)
                {
                    if (queuedAt >= start && startedAt <= end)
                    {
                        histogram.Record(startedAt - queuedAt);
                    }
                }
            }
        }

        return (histogram.TotalCount, histogram.ValueAtPercentile(50) / 1000, histogram.ValueAtPercentile(90) / 1000, histogram.ValueAtPercentile(99) / 1000, histogram.Max / 1000);
    }
}
