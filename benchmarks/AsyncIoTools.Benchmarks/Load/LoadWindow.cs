using AsyncIoTools.Measurement;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>
/// What one worker recorded during one measuring window. Only the worker writes it, until it has moved on to
/// the next window; the controller reads it after that hand-over.
/// </summary>
internal sealed class LoadWindow
{
    public LatencyHistogram Latency { get; } = new();

    /// <summary>From each request's intended start (constant-rate mode only).</summary>
    public LatencyHistogram CorrectedLatency { get; } = new();

    public long[] Errors { get; } = new long[Enum.GetValues<LoadErrorKind>().Length];

    public long Requests;
    public long BytesSent;
    public long BytesReceived;
    public long Reconnects;

    /// <summary>Of <see cref="Reconnects"/>, those of connections that never send, closed by the server.</summary>
    public long IdleClosedByServer;

    /// <summary>How long those connections had been open, in all (Stopwatch ticks).</summary>
    public long IdleOpenTicks;

    /// <summary>
    /// When the worker took this window and when it moved on to the next (Stopwatch ticks; 0 until then): the span
    /// its counts cover. The controller only learns of a hand-over by polling on a timer, which a loaded machine
    /// fires late, so its own stamps would leave out time the worker was already counting in.
    /// </summary>
    public long OpenedTicks;

    /// <inheritdoc cref="OpenedTicks"/>
    public long ClosedTicks;
}
