using AsyncIoTools.Engines.Hosting;
using System.Globalization;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// An engine with a descriptor ceiling (select: FD_SETSIZE) can hold the ceiling less the descriptors its own
/// server already has open — the .NET runtime alone keeps some sixty (assemblies, pipes, /dev/urandom…). Before
/// any run, such an engine's server is started once and counted (/proc/PID/fd), so that a scenario it cannot
/// hold stops before it starts, rather than measuring connections that were refused.
/// </summary>
public static class DescriptorCeilingCheck
{
    /// <summary>
    /// Available, or why <paramref name="connections"/> will not fit under the engine's ceiling in
    /// <paramref name="workers"/> server processes (the kernel spreads connections over them, not quite evenly).
    /// </summary>
    public static async Task<EngineAvailability> CheckAsync(
        EngineDefinition engine,
        ServerSettings settings,
        int connections,
        int workers,
        ServerLaunch launch,
        IReadOnlyList<int>? cpus,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(engine);
        if (engine.DescriptorCeiling is not { } ceiling)
        {
            return EngineAvailability.Available;
        }

        int held;
        await using (var server = await ServerProcess.StartAsync(launch, settings, cpus, cancellationToken))
        {
            // Our own child: its descriptors are readable; were they not, the check would count on the whole ceiling.
            held = server.SnapshotWithDescriptors().OpenDescriptors ?? 0;
        }

        return connections <= (ceiling - held) * Math.Max(1, workers)
            ? EngineAvailability.Available
            : EngineAvailability.Unavailable(Explain(engine.Name, ceiling, held, connections));
    }

    /// <summary>One line: the limit, what the server holds, the room left, and what to do instead.</summary>
    public static string Explain(string engine, int ceiling, int held, int connections)
    {
        var room = Math.Max(0, ceiling - held);
        var others = EngineRegistry.Default.Engines.Where(e => e.DescriptorCeiling is null).Select(e => e.Name);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{engine} cannot hold {connections} connections: it watches only descriptors numbered below FD_SETSIZE ({ceiling}), and its server already holds {held}, leaving room for {room}; use {room} connections or fewer, or an engine without that limit ({string.Join(", ", others)})");
    }
}
