namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>The figures of a whole session: every kept interval merged (not an average of intervals).</summary>
public sealed record LagSummary : LagFigures
{
    public LagSummary(LagFigures figures)
        : base(figures)
    {
    }

    public double Seconds { get; init; }

    public int Intervals { get; init; }

    public int DroppedIntervals { get; init; }
}
