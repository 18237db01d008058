using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>
/// The figures a lag session and each of its intervals share, flat and in microseconds (as <c>aiotools lag --json</c>
/// names them): how long work queued from outside the pool waited for a thread, and the verdict.
/// </summary>
public abstract class EventLoopLagFigures
{
    private protected EventLoopLagFigures(int processId, LagFigures figures)
    {
        ProcessId = processId;
        Items = figures.Items;
        P50Micros = figures.P50Micros;
        P90Micros = figures.P90Micros;
        P99Micros = figures.P99Micros;
        MaxMicros = figures.MaxMicros;
        OldestPendingMicros = figures.OldestPendingMicros;
        PendingItems = figures.PendingItems;
        AllP99Micros = figures.All.P99Micros;
        QueueLength = figures.QueueLength;
        ThreadCount = figures.ThreadCount;
        Verdict = figures.Verdict.ToString();
        Reason = figures.VerdictText;
        FollowedFraction = figures.FollowedFraction;
    }

    public int ProcessId { get; }

    /// <summary>Healthy, Lagging or Starved.</summary>
    public string Verdict { get; }

    /// <summary>Why, in a sentence.</summary>
    public string Reason { get; }

    public long Items { get; }

    public long P50Micros { get; }

    public long P90Micros { get; }

    public long P99Micros { get; }

    public long MaxMicros { get; }

    /// <summary>The longest an item had been waiting, still unserved, when an interval closed.</summary>
    public long OldestPendingMicros { get; }

    public long PendingItems { get; }

    /// <summary>p99 over every work item, timers and the pool's own continuations included.</summary>
    public long AllP99Micros { get; }

    /// <summary>The runtime's thread-pool queue-length counter, if it reported one.</summary>
    public double? QueueLength { get; }

    /// <summary>The runtime's thread-pool thread-count counter, if it reported one.</summary>
    public double? ThreadCount { get; }

    /// <summary>The share of the time work items were followed: below 1 when a busy target was sampled in windows.</summary>
    public double FollowedFraction { get; }
}
