using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Contract;

/// <summary>
/// What an engine has done since it started. Syscalls are exact for engines whose every call goes through our
/// interop (<see cref="SyscallsCounted"/>); the .NET Socket baseline makes its own calls and reports none.
/// </summary>
public sealed record EngineCounters
{
    /// <summary>How many kinds of system call are counted (the length of <see cref="Syscalls"/>).</summary>
    public static readonly int SyscallKindCount = Enum.GetValues<SyscallKind>().Length;

    public long Requests { get; init; }

    public long BytesIn { get; init; }

    public long BytesOut { get; init; }

    public long ConnectionsAccepted { get; init; }

    public long ConnectionsClosed { get; init; }

    /// <summary>Accepted and closed at once because the engine cannot hold them (select past FD_SETSIZE).</summary>
    public long ConnectionsRefused { get; init; }

    public long LoopIterations { get; init; }

    /// <summary>Connections closed or refused for a limit (timeouts, sizes, max connections), by reason.</summary>
    public LimitCloses Limits { get; init; } = LimitCloses.None;

    /// <summary>Ready events (or completions) returned by all waits together.</summary>
    public long EventsReturned { get; init; }

    /// <summary>Bytes the server process has allocated on the managed heap (all threads): the hot path should add none.</summary>
    public long AllocatedBytes { get; init; }

    /// <summary>Garbage collections of any generation so far.</summary>
    public long GarbageCollections { get; init; }

    public bool SyscallsCounted { get; init; } = true;

    /// <summary>System calls by kind, in <see cref="SyscallKind"/> order.</summary>
    public IReadOnlyList<long> Syscalls { get; init; } = new long[SyscallKindCount];

    public long TotalSyscalls => Syscalls.Sum();

    public long SyscallsOf(SyscallKind kind) => Syscalls[(int)kind];

    /// <summary>Ready events per wait call; 0 before the first wait.</summary>
    public double EventsPerWait => SyscallsOf(SyscallKind.Wait) is var waits and > 0 ? (double)EventsReturned / waits : 0;

    /// <summary>The counters accumulated between <paramref name="earlier"/> and this snapshot.</summary>
    public EngineCounters Since(EngineCounters earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new EngineCounters
        {
            Requests = Requests - earlier.Requests,
            BytesIn = BytesIn - earlier.BytesIn,
            BytesOut = BytesOut - earlier.BytesOut,
            ConnectionsAccepted = ConnectionsAccepted - earlier.ConnectionsAccepted,
            ConnectionsClosed = ConnectionsClosed - earlier.ConnectionsClosed,
            ConnectionsRefused = ConnectionsRefused - earlier.ConnectionsRefused,
            Limits = Limits.Since(earlier.Limits),
            LoopIterations = LoopIterations - earlier.LoopIterations,
            EventsReturned = EventsReturned - earlier.EventsReturned,
            AllocatedBytes = AllocatedBytes - earlier.AllocatedBytes,
            GarbageCollections = GarbageCollections - earlier.GarbageCollections,
            SyscallsCounted = SyscallsCounted,
            Syscalls = Syscalls.Zip(earlier.Syscalls, (now, then) => now - then).ToArray(),
        };
    }

    /// <summary>The sum of several engines' counters (the worker processes of one server).</summary>
    public static EngineCounters Sum(IEnumerable<EngineCounters> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var syscalls = new long[SyscallKindCount];
        var total = new EngineCounters();
        var counted = true;
        foreach (var part in parts)
        {
            for (var i = 0; i < syscalls.Length; i++)
            {
                syscalls[i] += part.Syscalls[i];
            }

            counted &= part.SyscallsCounted;
            total = total with
            {
                Requests = total.Requests + part.Requests,
                BytesIn = total.BytesIn + part.BytesIn,
                BytesOut = total.BytesOut + part.BytesOut,
                ConnectionsAccepted = total.ConnectionsAccepted + part.ConnectionsAccepted,
                ConnectionsClosed = total.ConnectionsClosed + part.ConnectionsClosed,
                ConnectionsRefused = total.ConnectionsRefused + part.ConnectionsRefused,
                Limits = total.Limits.Plus(part.Limits),
                LoopIterations = total.LoopIterations + part.LoopIterations,
                EventsReturned = total.EventsReturned + part.EventsReturned,
                AllocatedBytes = total.AllocatedBytes + part.AllocatedBytes,
                GarbageCollections = total.GarbageCollections + part.GarbageCollections,
            };
        }

        return total with { Syscalls = syscalls, SyscallsCounted = counted };
    }
}
