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
}
