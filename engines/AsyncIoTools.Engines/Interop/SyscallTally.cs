using System.Runtime.CompilerServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// Per-thread counts of system calls by kind. Every wrapper in this folder adds to the calling thread's tally,
/// so an engine that collects the tallies of its own threads knows exactly how many calls it made. A thread
/// writes only its own tally; readers on other threads see whole 64-bit values (aligned longs on x64).
/// </summary>
internal sealed class SyscallTally
{
    public static readonly int KindCount = Enum.GetValues<SyscallKind>().Length;

    [ThreadStatic]
    private static SyscallTally? t_current;

    private readonly long[] _counts = new long[KindCount];

    /// <summary>The calling thread's tally, created on first use.</summary>
    public static SyscallTally Current => t_current ??= new SyscallTally();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Count(SyscallKind kind) => (t_current ??= new SyscallTally())._counts[(int)kind]++;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Count(SyscallKind kind, int calls) => (t_current ??= new SyscallTally())._counts[(int)kind] += calls;

    public long this[SyscallKind kind] => Volatile.Read(ref _counts[(int)kind]);

    /// <summary>Adds this tally's counts into <paramref name="totals"/> (indexed by <see cref="SyscallKind"/>).</summary>
    public void AddTo(Span<long> totals)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            totals[i] += Volatile.Read(ref _counts[i]);
        }
    }
}
