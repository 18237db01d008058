using System.Globalization;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>
/// One interval of a lag session (<c>Get-EventLoopLag -Watch</c> writes them as they close). <see cref="Dropped"/>
/// intervals lost events and are left out of the session's figures.
/// </summary>
public sealed class EventLoopLagInterval : EventLoopLagFigures
{
    internal EventLoopLagInterval(int processId, LagInterval interval)
        : base(processId, interval)
    {
        Index = interval.Index;
        StartSeconds = interval.StartSeconds;
        EndSeconds = interval.EndSeconds;
        LostEvents = interval.LostEvents;
        Dropped = interval.Dropped;
    }

    public int Index { get; }

    public double StartSeconds { get; }

    public double EndSeconds { get; }

    public long LostEvents { get; }

    public bool Dropped { get; }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{StartSeconds:0.#}-{EndSeconds:0.#}s p99 {P99Micros} µs {Verdict}");
}
