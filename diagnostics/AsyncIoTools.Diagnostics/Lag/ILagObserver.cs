using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Measurement;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// Something that takes a lag session's intervals as they close: an interval log, the Prometheus endpoint, an
/// OTLP exporter. Called from the session's reader thread, one call at a time per target.
/// </summary>
public interface ILagObserver
{
    void OnAttached(DotNetTarget target);

    /// <param name="delays">The interval's delays of items queued from outside the pool (nanoseconds); valid only during the call.</param>
    void OnInterval(DotNetTarget target, LagInterval interval, LatencyHistogram delays);

    void OnDetached(DotNetTarget target, CaptureEnd how);
}
