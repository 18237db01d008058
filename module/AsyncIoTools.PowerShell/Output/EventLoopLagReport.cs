using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>
/// What <c>Get-EventLoopLag</c> writes: a whole session's figures (every kept interval merged), the verdict, timers
/// and all items apart, how the session ended, and every interval.
/// </summary>
public sealed class EventLoopLagReport : EventLoopLagFigures
{
    internal EventLoopLagReport(LagReport report)
        : base(report.Target.ProcessId, report.Summary)
    {
        var summary = report.Summary;
        ProcessName = report.Target.Name;
        RuntimeVersion = report.Target.Runtime.RuntimeVersionText;
        Seconds = summary.Seconds;
        NothingServedMicros = summary.NothingServedMicros;
        TimerItems = summary.Timers.Items;
        TimerP99Micros = summary.Timers.P99Micros;
        AllItems = summary.All.Items;
        KeptIntervals = summary.Intervals;
        DroppedIntervals = summary.DroppedIntervals;
        LostEvents = report.Events.LostEvents;
        End = report.End.ToString();
        Threshold = report.Threshold;
        ThresholdExceeded = report.ThresholdExceeded;
        TraceFile = report.TraceFile;
        Intervals = report.Intervals.Select(i => new EventLoopLagInterval(ProcessId, i)).ToArray();
    }

    public string ProcessName { get; }

    public string RuntimeVersion { get; }

    public double Seconds { get; }

    /// <summary>How long work was queued while nothing was served at all (a pool whose threads are all blocked).</summary>
    public long NothingServedMicros { get; }

    public long TimerItems { get; }

    public long TimerP99Micros { get; }

    public long AllItems { get; }

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
