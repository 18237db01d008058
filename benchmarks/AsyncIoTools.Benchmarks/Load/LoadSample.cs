using AsyncIoTools.Measurement;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>One measuring window of the load generator, all threads merged.</summary>
public sealed record LoadSample(
    TimeSpan Duration,
    long Requests,
    LatencyHistogram Latency,
    LatencyHistogram? CorrectedLatency,
    LoadErrors Errors,
    long BytesSent,
    long BytesReceived,
    long Reconnects,
    int OpenConnections,
    long LoadCpuMicros)
{
    /// <summary>
    /// The window cut into intervals (the headline latency: corrected in constant-rate mode), for interval logs;
    /// they add up to the window's histogram. Null when the sample was not cut.
    /// </summary>
    public IReadOnlyList<IntervalHistogram>? Intervals { get; init; }

    /// <summary>Closes by the server of connections that never send (<see cref="ClientMeasurement.IdleClosedByServer"/>).</summary>
    public long IdleClosedByServer { get; init; }

    /// <summary>How long, on average, each of those had been open when it was closed; null when none was.</summary>
    public double? IdleClosedMeanOpenSeconds { get; init; }

    /// <summary>The headline latency: from each request's intended start in constant-rate mode, else as measured.</summary>
    public LatencyHistogram Headline => CorrectedLatency ?? Latency;

    public double RequestsPerSecond => Duration.TotalSeconds > 0 ? Requests / Duration.TotalSeconds : 0;
}
