namespace AsyncIoTools.Diagnostics.Blocking;

/// <summary>
/// Reads a stack (leaf first) the way a person would: is this a pool worker, which of the application's methods
/// called into the wait, through which framework method, and is it sync-over-async.
/// </summary>
public static class StackReading
{
    private static readonly string[] PoolWorkerMarkers =
    [
        "System.Threading.ThreadPoolWorkQueue.Dispatch",
        "System.Threading.PortableThreadPool+WorkerThread",
    ];

    private static readonly string[] TaskWaitMarkers =
    [
        "System.Threading.Tasks.Task.InternalWait",
        "System.Threading.Tasks.Task.Wait",
        "System.Runtime.CompilerServices.TaskAwaiter",
        "System.Threading.Tasks.Task`1.get_Result",
        "System.Threading.Tasks.Task`1.GetResultCore",
    ];

    private static readonly string[] LockMarkers = ["System.Threading.Monitor.Enter", "System.Threading.Monitor.ReliableEnter", "System.Threading.Lock.Enter", "System.Threading.Lock.TryEnter"];

    private static readonly string[] SleepMarkers = ["System.Threading.Thread.Sleep"];

    private static readonly string[] WaitMarkers =
    [
        "System.Threading.Monitor.Enter",
        "System.Threading.Monitor.ReliableEnter",
        "System.Threading.Monitor.Wait",
        "System.Threading.Lock.Enter",
        "System.Threading.WaitHandle.Wait",
        "System.Threading.ManualResetEventSlim.Wait",
        "System.Threading.SemaphoreSlim.Wait",
        "System.Threading.Tasks.Task.Wait",
        "System.Threading.Tasks.Task.InternalWait",
    ];

    public static bool IsPoolWorker(IReadOnlyList<CallFrame> frames) => Contains(frames, PoolWorkerMarkers);

    public static bool IsSleeping(IReadOnlyList<CallFrame> frames) => Contains(frames, SleepMarkers);

    /// <summary>A stack parked in a wait or a lock (what a sample of a thread blocked since before the session shows).</summary>
    public static bool IsWaiting(IReadOnlyList<CallFrame> frames) => Contains(frames, WaitMarkers);

    /// <summary>
    /// The first application frame from the leaf (the caller into the wait), the framework frame it called, and
    /// what kind of wait the framework frames between them make; null when the whole stack is framework code (the
    /// pool's own idle wait, for one). The frames decide, not the event: a lock's slow path waits on an event, and a
    /// task wait spins with short sleeps and takes a monitor before it blocks.
    /// </summary>
    public static (string Method, string Via, BlockingKind Kind)? Attribute(IReadOnlyList<CallFrame> frames, BlockingKind eventKind)
    {
        ArgumentNullException.ThrowIfNull(frames);
        for (var i = 0; i < frames.Count; i++)
        {
            if (frames[i].IsFramework)
            {
                continue;
            }

            var via = i > 0 ? frames[i - 1].ShortName : string.Empty;
            var path = frames.Take(i).ToList();
            var kind = eventKind switch
            {
                _ when Contains(path, TaskWaitMarkers) => BlockingKind.SyncOverAsync,
                BlockingKind.Wait when Contains(path, LockMarkers) => BlockingKind.Lock,
                _ => eventKind,
            };
            return (frames[i].ShortName, via, kind);
        }

        return null;
    }

    private static bool Contains(IReadOnlyList<CallFrame> frames, string[] markers)
    {
        ArgumentNullException.ThrowIfNull(frames);
        foreach (var frame in frames)
        {
            foreach (var marker in markers)
            {
                if (frame.Method.StartsWith(marker, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
