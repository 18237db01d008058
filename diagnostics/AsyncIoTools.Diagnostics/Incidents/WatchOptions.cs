using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>
/// <c>aiotools watch</c>: the processes and the lag session (<see cref="Lag"/>: ids, names, interval, duration),
/// the rules that open an incident, how long to capture the culprit once one fires, and where incidents go.
/// </summary>
public sealed record WatchOptions
{
    /// <summary>The lag session: a watch runs until canceled unless given a duration.</summary>
    public LagOptions Lag { get; init; } = new() { Duration = Timeout.InfiniteTimeSpan };

    public WatchRules Rules { get; init; } = new();

    /// <summary>How long the blocking profile runs once a rule fired (the lag session goes on meanwhile).</summary>
    public TimeSpan Capture { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>After an incident of a process, how long before its next one may open.</summary>
    public TimeSpan Cooldown { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The folder incidents are written to, one subfolder each.</summary>
    public string OutputDirectory { get; init; } = "incidents";

    /// <summary>No incident is captured while the output folder holds this much already.</summary>
    public long MaxDiskBytes { get; init; } = 500L * 1024 * 1024;

    /// <summary>The command line that started the watch, for the incident's "reproduce" section.</summary>
    public string? CommandLine { get; init; }
}
