namespace AsyncIoTools.Engines.EventLoop;

/// <summary>
/// Counters of one loop thread. Only that thread writes them (plain increments, no atomics on the hot path);
/// readers on other threads see whole 64-bit values, which is all a snapshot needs.
/// </summary>
internal sealed class LoopCounters
{
    public long Requests;
    public long BytesIn;
    public long BytesOut;
    public long ConnectionsAccepted;
    public long ConnectionsClosed;
    public long ConnectionsRefused;
    public long LoopIterations;
    public long EventsReturned;
}
