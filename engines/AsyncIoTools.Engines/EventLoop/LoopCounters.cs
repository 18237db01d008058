using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>
/// Counters of one loop thread (or of one connection's own flow). Only that flow writes them (plain increments,
/// no atomics on the hot path); readers on other threads see whole 64-bit values, which is all a snapshot needs.
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

    /// <summary>Closes for a limit, indexed by <see cref="LimitReason"/>.</summary>
    public readonly long[] Limits = new long[LimitCloses.Count];

    public void CountLimit(LimitReason reason) => Limits[(int)reason]++;

    /// <summary>Adds these counts, read as another thread may be writing them, into <paramref name="total"/>.</summary>
    public void AddTo(LoopCounters total)
    {
        total.Requests += Volatile.Read(ref Requests);
        total.BytesIn += Volatile.Read(ref BytesIn);
        total.BytesOut += Volatile.Read(ref BytesOut);
        total.ConnectionsAccepted += Volatile.Read(ref ConnectionsAccepted);
        total.ConnectionsClosed += Volatile.Read(ref ConnectionsClosed);
        total.ConnectionsRefused += Volatile.Read(ref ConnectionsRefused);
        total.LoopIterations += Volatile.Read(ref LoopIterations);
        total.EventsReturned += Volatile.Read(ref EventsReturned);
        for (var i = 0; i < Limits.Length; i++)
        {
            total.Limits[i] += Volatile.Read(ref Limits[i]);
        }
    }

    /// <summary>The engine's counters from these totals, with the process's allocation figures.</summary>
    public EngineCounters ToEngineCounters(long[] syscalls, bool syscallsCounted) => new()
    {
        Requests = Requests,
        BytesIn = BytesIn,
        BytesOut = BytesOut,
        ConnectionsAccepted = ConnectionsAccepted,
        ConnectionsClosed = ConnectionsClosed,
        ConnectionsRefused = ConnectionsRefused,
        LoopIterations = LoopIterations,
        EventsReturned = EventsReturned,
        Limits = LimitCloses.From(Limits),
        AllocatedBytes = GC.GetTotalAllocatedBytes(precise: false),
        GarbageCollections = GC.CollectionCount(0),
        SyscallsCounted = syscallsCounted,
        Syscalls = syscalls,
    };
}
