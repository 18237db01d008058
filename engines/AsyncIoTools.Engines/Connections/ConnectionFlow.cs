using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.Connections;

/// <summary>
/// One connection served by a flow of control of its own (a blocking thread, an async loop): the counters only
/// it writes, the syscall tally of the thread it runs on, and how another thread stops it.
/// </summary>
internal abstract class ConnectionFlow
{
    public LoopCounters Counters { get; } = new();

    /// <summary>The tally of the flow's own thread; null for flows that hop between pool threads.</summary>
    public SyscallTally? Tally { get; protected set; }

    /// <summary>Wakes the flow from a blocked receive or send so that it ends; safe from any thread, and after it ended.</summary>
    public abstract void Interrupt();
}
