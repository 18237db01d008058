using AsyncIoTools.Measurement;

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
    public double RequestsPerSecond => Duration.TotalSeconds > 0 ? Requests / Duration.TotalSeconds : 0;
}
