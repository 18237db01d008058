
namespace AsyncIoTools.Results;

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
    LimitCloseCounts? Limits = null);
