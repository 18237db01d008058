namespace AsyncIoTools.Diagnostics.Blocking;

/// <summary>How a pool thread was blocked.</summary>
public enum BlockingKind
{
    /// <summary>Waiting for a task synchronously: <c>.Result</c>, <c>.Wait()</c>, <c>.GetAwaiter().GetResult()</c>.</summary>
    SyncOverAsync,

    /// <summary>Waiting on a wait handle, an event or <c>Monitor.Wait</c>.</summary>
    Wait,

    /// <summary>Waiting to enter a contended lock.</summary>
    Lock,

    /// <summary>Parked in <c>Thread.Sleep</c> (seen by the sample profiler: sleeping emits no wait event).</summary>
    Sleep,
}
