using System.Globalization;
using AsyncIoTools.Processes;
using AsyncIoTools.Engines.Sockets;

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

    /// <summary>
    /// Connects each load thread keeps in flight while ramping: the server's SYN queues (one per worker, each the
    /// listen backlog capped by net.core.somaxconn) shared out among all the load threads. Past a full queue the
    /// kernel answers with SYN cookies or, without them, drops the SYN, which the client retries only after a second.
    /// </summary>
    public int ConnectConcurrency(int backlog, int threadsPerLoadProcess)
    {
        var somaxconn = int.TryParse(HostEnvironment.ReadSysctl("net.core.somaxconn"), CultureInfo.InvariantCulture, out var value) ? value : 4096;
        return ConnectConcurrency(Workers, Math.Min(backlog, somaxconn), LoadProcesses * Math.Max(1, threadsPerLoadProcess));
    }

    /// <summary>Queues of <paramref name="queueLength"/> in each of <paramref name="workers"/>, shared by <paramref name="loadThreads"/>.</summary>
    public static int ConnectConcurrency(int workers, int queueLength, int loadThreads) =>
        (int)Math.Max(1, (long)Math.Max(1, workers) * Math.Max(1, queueLength) / Math.Max(1, loadThreads));
}
