using AsyncIoTools.Diagnostics.EventPipe;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// The events the runtime dropped over a sampled session: the counters' session's, those of the bursts already
/// over, and the running burst's (one burst at a time; read from the recorder, under its lock, while they change).
/// </summary>
internal sealed class BurstLoss(TraceCapture counters)
{
    private long _finished;
    private TraceCapture? _current;

    public TraceCapture? Current
    {
        set => Volatile.Write(ref _current, value);
    }

    public long EventsLost() => counters.EventsLost + Interlocked.Read(ref _finished) + (Volatile.Read(ref _current)?.EventsLost ?? 0);

    /// <summary>The burst is over: its losses move to the finished ones.</summary>
    public void Finish(TraceCapture capture)
    {
        Volatile.Write(ref _current, null);
        Interlocked.Add(ref _finished, capture.EventsLost);
    }
}
