using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>
/// What <c>Get-EventLoopLag</c> writes: a whole session's figures, flat and in microseconds (as <c>aiotools lag
/// --json</c> names them), the verdict, and every interval. The headline figures are of work queued from outside
/// the pool (sockets, other threads); timers and all items are given apart.
/// </summary>
public sealed class EventLoopLagReport
{
    internal EventLoopLagReport(LagReport report)
    {
        var summary = report.Summary;
        ProcessId = report.Target.ProcessId;
        ProcessName = report.Target.Name;
        RuntimeVersion = report.Target.Runtime.RuntimeVersionText;
        Verdict = summary.Verdict.ToString();
        Reason = summary.VerdictText;
        Seconds = summary.Seconds;
        Items = summary.Items;
        P50Micros = summary.P50Micros;
        P90Micros = summary.P90Micros;
        P99Micros = summary.P99Micros;
        MaxMicros = summary.MaxMicros;
        OldestPendingMicros = summary.OldestPendingMicros;
        NothingServedMicros = summary.NothingServedMicros;
        PendingItems = summary.PendingItems;
        TimerItems = summary.Timers.Items;
        TimerP99Micros = summary.Timers.P99Micros;
        AllItems = summary.All.Items;
        AllP99Micros = summary.All.P99Micros;
        QueueLength = summary.QueueLength;
        ThreadCount = summary.ThreadCount;
        KeptIntervals = summary.Intervals;
        DroppedIntervals = summary.DroppedIntervals;
        LostEvents = report.Events.LostEvents;
        End = report.End.ToString();
        Threshold = report.Threshold;
        ThresholdExceeded = report.ThresholdExceeded;
        TraceFile = report.TraceFile;
        Intervals = report.Intervals.Select(i => new EventLoopLagInterval(ProcessId, i)).ToArray();
    }

    public int ProcessId { get; }

    public string ProcessName { get; }

    public string RuntimeVersion { get; }

    /// <summary>Healthy, Lagging or Starved.</summary>
    public string Verdict { get; }

    /// <summary>Why, in a sentence.</summary>
    public string Reason { get; }

    public double Seconds { get; }

    public long Items { get; }

    public long P50Micros { get; }

    public long P90Micros { get; }

    public long P99Micros { get; }

    public long MaxMicros { get; }

    /// <summary>The longest an item had been waiting, still unserved, at an interval's end.</summary>
    public long OldestPendingMicros { get; }

    /// <summary>How long work was queued while nothing was served at all (a pool whose threads are all blocked).</summary>
    public long NothingServedMicros { get; }

    public long PendingItems { get; }

    public long TimerItems { get; }

    public long TimerP99Micros { get; }

    public long AllItems { get; }

    public long AllP99Micros { get; }

    public double? QueueLength { get; }

    public double? ThreadCount { get; }

    public int KeptIntervals { get; }

    public int DroppedIntervals { get; }

    public long LostEvents { get; }

    /// <summary>Completed, Canceled or TargetExited.</summary>
    public string End { get; }

    public TimeSpan? Threshold { get; }

    public bool ThresholdExceeded { get; }

    public string? TraceFile { get; }

    public IReadOnlyList<EventLoopLagInterval> Intervals { get; }

    public override string ToString() => $"process {ProcessId}: {Verdict}";
}
