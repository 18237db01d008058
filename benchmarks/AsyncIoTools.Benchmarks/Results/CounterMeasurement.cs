using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Benchmarks.Results;

/// <summary>The engine's own counters over one trial; syscalls are exact where <see cref="SyscallsCounted"/>.</summary>
/// <param name="Limits">Connections closed (or refused) for a limit during the trial, by reason.</param>
public sealed record CounterMeasurement(
    long Requests,
    long BytesIn,
    long BytesOut,
    long ConnectionsAccepted,
    long ConnectionsClosed,
    long ConnectionsRefused,
    long LoopIterations,
    long EventsReturned,
    double EventsPerWait,
    long AllocatedBytes,
    double? AllocatedBytesPerRequest,
    long GarbageCollections,
    bool SyscallsCounted,
    IReadOnlyDictionary<string, long> Syscalls,
    long SyscallsTotal,
    double? SyscallsPerRequest,
    LimitCloses? Limits = null)
{
    public static CounterMeasurement From(EngineCounters delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var byKind = Enum.GetValues<SyscallKind>()
            .Where(kind => delta.SyscallsOf(kind) != 0)
            .ToDictionary(kind => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..], delta.SyscallsOf);
        return new CounterMeasurement(
            delta.Requests,
            delta.BytesIn,
            delta.BytesOut,
            delta.ConnectionsAccepted,
            delta.ConnectionsClosed,
            delta.ConnectionsRefused,
            delta.LoopIterations,
            delta.EventsReturned,
            delta.EventsPerWait,
            delta.AllocatedBytes,
            delta.Requests > 0 ? (double)delta.AllocatedBytes / delta.Requests : null,
            delta.GarbageCollections,
            delta.SyscallsCounted,
            byKind,
            delta.TotalSyscalls,
            delta.SyscallsCounted && delta.Requests > 0 ? (double)delta.TotalSyscalls / delta.Requests : null,
            delta.Limits);
    }
}
