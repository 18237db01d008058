namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>One interval of a lag session; <see cref="Dropped"/> ones lost events and are left out of the summary.</summary>
public sealed record LagInterval : LagFigures
{
    public LagInterval(LagFigures figures)
        : base(figures)
    {
    }

    public int Index { get; init; }

    public double StartSeconds { get; init; }

    public double EndSeconds { get; init; }

    /// <summary>Interval start on the target's monotonic clock (EventPipe timestamps; nanoseconds on Linux).</summary>
    public long StartTimestamp { get; init; }

    public long EndTimestamp { get; init; }

    public long LostEvents { get; init; }

    public bool Dropped { get; init; }
}
