using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>What <c>aiotools diagnose</c> measures: lag and blocking side by side for <see cref="Duration"/>, then one heap snapshot.</summary>
public sealed record DiagnoseOptions : TargetOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many blocking sites and async methods the evidence lists.</summary>
    public int Top { get; init; } = 5;

    /// <summary>Keep the blocking session's raw trace here (never overwritten).</summary>
    public string? TraceOut { get; init; }
}
