using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>
/// What a watch captured when a rule fired: the lag timeline around the trigger (<see cref="TriggerIndex"/> is
/// the interval that fired it), the blocking profile and the pending async calls taken while the problem was live,
/// and the headline that ties them. <see cref="Folder"/> is where its files are, once written.
/// </summary>
public sealed record Incident(
    DotNetTarget Target,
    DateTimeOffset TriggeredAt,
    string Rule,
    string Headline,
    IReadOnlyList<IncidentInterval> Timeline,
    int TriggerIndex,
    BlockingReport? Blocking,
    HotspotsReport? Hotspots,
    string? HotspotsUnavailable,
    CaptureEnd CaptureEnd)
{
    public string? Folder { get; init; }

    /// <summary>The blocking session's raw trace (.nettrace, for PerfView or dotnet-trace), once written.</summary>
    public string? TraceFile { get; init; }

    /// <summary>The lag intervals as an HdrHistogram interval log, once written.</summary>
    public string? HlogFile { get; init; }

    public string? CommandLine { get; init; }
}
