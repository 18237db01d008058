using System.Text.Json.Serialization;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Measurement;

namespace AsyncIoTools.Benchmarks.Results;

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

    public static ClientMeasurement From(LoadSample sample, int threads)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var seconds = sample.Duration.TotalSeconds;
        return new ClientMeasurement(
            seconds,
            sample.Requests,
            sample.RequestsPerSecond,
            LatencySummary.From(sample.Latency),
            sample.CorrectedLatency is { } corrected ? LatencySummary.From(corrected) : null,
            sample.Errors,
            sample.BytesSent,
            sample.BytesReceived,
            sample.Reconnects,
            sample.OpenConnections,
            sample.LoadCpuMicros,
            seconds > 0 && threads > 0 ? sample.LoadCpuMicros / (seconds * 1e6 * threads) : 0)
        {
            Intervals = sample.Intervals,
        };
    }
}
