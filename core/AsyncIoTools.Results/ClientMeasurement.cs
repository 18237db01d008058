using System.Text.Json.Serialization;
using AsyncIoTools.Measurement;

namespace AsyncIoTools.Results;

/// <summary>What the load generator measured in one window.</summary>
public sealed record ClientMeasurement(
    double DurationSeconds,
    long Requests,
    double RequestsPerSecond,
    LatencySummary Latency,
    LatencySummary? CorrectedLatency,
    LoadErrors Errors,
    long BytesSent,
    long BytesReceived,
    long Reconnects,
    int OpenConnections,
    long LoadGeneratorCpuMicros,
    double LoadGeneratorCpuUtilization)
{
    /// <summary>
    /// The window's intervals, for the interval log (.hlog) written beside the result; kept out of the JSON, which
    /// holds the whole window's histogram.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<IntervalHistogram>? Intervals { get; init; }

    /// <summary>
    /// Closes by the server, in the window, of connections that never send (the idle ones of an <c>--active</c>
    /// run): a server takes them for clients that never sent a request and closes them at its timeout for that, and
    /// the load opens each again. Also counted in <see cref="Reconnects"/>. Not written when none (as in files
    /// from before it was counted).
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long IdleClosedByServer { get; init; }

    /// <summary>
    /// How long, on average, each of those had been open when the server closed it: about its timeout for clients that
    /// never send, or nearly nothing for a server that closes new connections at once (at a connection limit).
    /// </summary>
    public double? IdleClosedMeanOpenSeconds { get; init; }
}
