using System.Globalization;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>
/// One interval of a lag session (<c>Get-EventLoopLag -Watch</c> writes them as they close): how long work queued
/// from outside the pool waited for a thread, in microseconds. <see cref="Dropped"/> intervals lost events and
/// are left out of the session's figures.
/// </summary>
public sealed class EventLoopLagInterval
{
    internal EventLoopLagInterval(int processId, LagInterval interval)
    {
        ProcessId = processId;
        Index = interval.Index;
        StartSeconds = interval.StartSeconds;
        EndSeconds = interval.EndSeconds;
        Items = interval.Items;
        P50Micros = interval.P50Micros;
        P90Micros = interval.P90Micros;
        P99Micros = interval.P99Micros;
        MaxMicros = interval.MaxMicros;
        OldestPendingMicros = interval.OldestPendingMicros;
        PendingItems = interval.PendingItems;
        AllP99Micros = interval.All.P99Micros;
        QueueLength = interval.QueueLength;
        ThreadCount = interval.ThreadCount;
        LostEvents = interval.LostEvents;
        Dropped = interval.Dropped;
        Verdict = interval.Verdict.ToString();
        Reason = interval.VerdictText;
    }

    public int ProcessId { get; }

    public int Index { get; }

    public double StartSeconds { get; }

    public double EndSeconds { get; }

    public long Items { get; }

    public long P50Micros { get; }

    public long P90Micros { get; }

    public long P99Micros { get; }

    public long MaxMicros { get; }

    /// <summary>The longest an item had been waiting, still unserved, when the interval closed.</summary>
    public long OldestPendingMicros { get; }

    public long PendingItems { get; }

    /// <summary>p99 over every work item, timers and the pool's own continuations included.</summary>
    public long AllP99Micros { get; }

    /// <summary>The runtime's thread-pool queue-length counter, if it reported one.</summary>
    public double? QueueLength { get; }

    /// <summary>The runtime's thread-pool thread-count counter, if it reported one.</summary>
    public double? ThreadCount { get; }

    public long LostEvents { get; }

    public bool Dropped { get; }

    /// <summary>Healthy, Lagging or Starved.</summary>
    public string Verdict { get; }

    /// <summary>Why, in a sentence.</summary>
    public string Reason { get; }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StartSeconds:0.#}-{EndSeconds:0.#}s p99 {P99Micros} µs {Verdict}");
}
