using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>
/// One pass over a process: its lag, what blocked its pool threads meanwhile and where its async calls were
/// pending, with the verdict and the one line that ties them together (<see cref="Headline"/>) first.
/// </summary>
public sealed record Diagnosis(
    DotNetTarget Target,
    LagVerdict Verdict,
    string Headline,
    LagReport Lag,
    BlockingReport Blocking,
    HotspotsReport? Hotspots,
    string? HotspotsUnavailable)
{
    public bool IsHealthy => Verdict == LagVerdict.Healthy;

    /// <summary>The length of one lag interval.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(1);
}
