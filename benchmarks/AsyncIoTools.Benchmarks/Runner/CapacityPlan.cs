using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// How many server workers and load processes a number of connections needs, from the open-files limit each
/// process may reach: one process holds at most RLIMIT_NOFILE descriptors, less what the runtime keeps open.
/// </summary>
public sealed record CapacityPlan(long HardLimit, int PerProcess, int Workers, int LoadProcesses)
{
    /// <summary>Descriptors a process keeps for itself: the runtime's own (~60 here), listeners, epoll, eventfds, pipes.</summary>
    public const int Reserve = 256;

    public static CapacityPlan For(int connections, int workers = 0, int loadProcesses = 0)
    {
        var hard = ResourceLimits.GetOpenFiles().Hard;
        var perProcess = (int)Math.Clamp(hard - Reserve, 1, int.MaxValue);
        var needed = (connections + perProcess - 1) / perProcess;
        return new CapacityPlan(hard, perProcess, workers > 0 ? workers : needed, loadProcesses > 0 ? loadProcesses : needed);
    }
}
