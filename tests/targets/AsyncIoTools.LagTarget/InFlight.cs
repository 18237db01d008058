using System.Runtime.CompilerServices;
using System.Collections.Concurrent;

namespace AsyncIoTools.LagTarget;

/// <summary>
/// How many calls of each async method are running right now: the ground truth that <c>aiotools hotspots</c>
/// is compared with. Keys are "Type.Method", as the hotspot report names them.
/// </summary>
internal static class InFlight
{
    private static readonly ConcurrentDictionary<string, StrongBox<long>> Counts = new(StringComparer.Ordinal);

    public static void Enter(string method) => Interlocked.Increment(ref Counts.GetOrAdd(method, _ => new StrongBox<long>()).Value);

    public static void Exit(string method) => Interlocked.Decrement(ref Counts[method].Value);

    public static Dictionary<string, long> Snapshot() => Counts.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value), StringComparer.Ordinal);
}
