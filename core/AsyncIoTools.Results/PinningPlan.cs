using AsyncIoTools.Processes;

namespace AsyncIoTools.Results;

/// <summary>
/// Which CPUs the server and the load generator run on. With two or more usable CPUs they never share one:
/// the server gets the first half, the load generator the rest. Server loops = server CPUs.
/// </summary>
public sealed record PinningPlan(bool Pinned, IReadOnlyList<int> ServerCpus, IReadOnlyList<int> LoadCpus, int ServerLoops, int LoadThreads)
{
    public static PinningPlan Decide(bool pin, int requestedServerLoops = 0)
    {
        var cpus = CpuAffinity.OfCurrentThread();
        if (!pin || cpus.Count < 2)
        {
            var loops = requestedServerLoops > 0 ? requestedServerLoops : Math.Max(1, cpus.Count);
            return new PinningPlan(false, cpus, cpus, loops, Math.Max(1, cpus.Count));
        }

        var serverCount = cpus.Count / 2;
        var server = cpus.Take(serverCount).ToArray();
        var load = cpus.Skip(serverCount).ToArray();
        return new PinningPlan(true, server, load, requestedServerLoops > 0 ? requestedServerLoops : server.Length, load.Length);
    }
}
