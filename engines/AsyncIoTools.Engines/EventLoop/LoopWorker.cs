using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>One loop thread of an engine: it runs until asked to stop and owns everything it touches.</summary>
internal abstract class LoopWorker : IDisposable
{
    protected LoopWorker(string threadName) => ThreadName = threadName;

    public string ThreadName { get; }

    public LoopCounters Counters { get; } = new();

    /// <summary>The loop thread's syscall tally; set on that thread before <see cref="Run"/>.</summary>
    public SyscallTally? Tally { get; set; }

    /// <summary>The loop itself; returns after <see cref="RequestStop"/> once every connection is closed.</summary>
    public abstract void Run();

    /// <summary>Asks the loop to stop; safe from any thread, and again after it stopped.</summary>
    public abstract void RequestStop();

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
