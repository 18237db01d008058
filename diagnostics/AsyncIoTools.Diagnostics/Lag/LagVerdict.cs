namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>The one-word answer to "is work waiting in the thread pool?".</summary>
public enum LagVerdict
{
    /// <summary>Queued work starts within milliseconds.</summary>
    Healthy,

    /// <summary>Queued work waits tens of milliseconds or more (p99 ≥ 10 ms, or an item waiting ≥ 100 ms).</summary>
    Lagging,

    /// <summary>Queued work waits a second or more for a thread: the pool is starved or stalled.</summary>
    Starved,
}
