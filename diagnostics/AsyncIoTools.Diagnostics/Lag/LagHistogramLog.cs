using System.Collections.Concurrent;
using System.Globalization;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Measurement;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// The interval log (.hlog) of a lag session: one line per interval per process, tagged <c>pid-PID</c>, with the
/// delays of items queued from outside the pool (the headline figures) in nanoseconds. Intervals that lost events
/// are tagged <c>pid-PID-dropped</c>, so the <c>pid-PID</c> lines add up to the session summary, as in the JSON.
/// </summary>
public sealed class LagHistogramLog : ILagObserver, IDisposable
{
    private readonly HistogramLogWriter _writer;
    private readonly DateTimeOffset _start;
    private readonly ConcurrentDictionary<int, DateTimeOffset> _attached = new();

    public LagHistogramLog(string path)
    {
        _start = DateTimeOffset.UtcNow;
        _writer = HistogramLogWriter.Create(path, _start, "aiotools lag: thread-pool wait of work queued from outside the pool, in ns, per process (Tag=pid-PID)");
    }

    public string Path => _writer.Path!;

    public static string Tag(int processId, bool dropped) =>
        string.Create(CultureInfo.InvariantCulture, $"pid-{processId}{(dropped ? "-dropped" : string.Empty)}");

    public void OnAttached(DotNetTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _attached[target.ProcessId] = DateTimeOffset.UtcNow;
    }

    public void OnInterval(DotNetTarget target, LagInterval interval, LatencyHistogram delays)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(interval);
        var attached = _attached.TryGetValue(target.ProcessId, out var at) ? at : _start;
        var start = Math.Max(0, (attached - _start).TotalSeconds + interval.StartSeconds);
        _writer.WriteInterval(Tag(target.ProcessId, interval.Dropped), start, interval.EndSeconds - interval.StartSeconds, delays);
    }

    public void OnDetached(DotNetTarget target, CaptureEnd how)
    {
    }

    public void Dispose() => _writer.Dispose();
}
