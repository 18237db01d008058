namespace AsyncIoTools.LagTarget;

/// <summary>How the request handler misbehaves.</summary>
internal enum BlockingMode
{
    /// <summary>Requests only compute and await: a healthy service.</summary>
    None,

    /// <summary>One request in five sleeps 10 ms on a pool thread: some lag, no starvation.</summary>
    ShortSleep,

    /// <summary>Every request sleeps 20 ms and the pool is capped at 8 threads (400 requests/s for 500 arriving): the queue grows without bound.</summary>
    HeavySleep,

    /// <summary>One request in five blocks on an async call with <c>GetAwaiter().GetResult()</c>.</summary>
    SyncOverAsync,

    /// <summary>A background thread holds a lock every request needs, 4 s out of every 5 s: a full stall.</summary>
    Stall,

    /// <summary>The same lock, taken for good a second after start: a process already hung when one attaches.</summary>
    Hang,

    /// <summary>
    /// Steady lag: the pool held at 2 threads, and a thread outside it queueing Poisson arrivals (150/s) of items that
    /// sleep 10 ms (the pool 75% busy): an M/D/2 queue, whose waits keep one distribution (p99 tens of ms) for good.
    /// Requests and readers are off, so nothing else competes for the two threads.
    /// </summary>
    SteadyLag,
}
