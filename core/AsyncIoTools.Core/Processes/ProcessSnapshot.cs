using System.Globalization;

namespace AsyncIoTools.Processes;

/// <summary>
/// What /proc says of one process at one instant: CPU time (all threads, dead ones included), memory, context
/// switches (summed over live threads) and open descriptors (null where not counted or not readable).
/// Differences of two snapshots give a trial's cost. Descriptors are counted only when asked for: listing
/// /proc/PID/fd of a process holding 16,000 sockets took 1.8 s on a busy CPU.
/// </summary>
public sealed record ProcessSnapshot(
    int ProcessId,
    long TimestampTicks,
    long UserMicros,
    long SystemMicros,
    long RssBytes,
    long PeakRssBytes,
    long VoluntaryContextSwitches,
    long InvoluntaryContextSwitches,
    int Threads,
    int? OpenDescriptors)
{
    // USER_HZ is part of the kernel ABI on Linux and is 100 on every architecture we run on.
    private const long MicrosPerClockTick = 10_000;

    public long CpuMicros => UserMicros + SystemMicros;

    /// <summary>Reads /proc/PID, all but the descriptors; a process that is gone raises <see cref="ProcessGoneException"/>.</summary>
    public static ProcessSnapshot Read(int processId) =>
        ReadRest(processId, System.Diagnostics.Stopwatch.GetTimestamp(), ReadCpu(processId), countDescriptors: false);

    /// <summary>As <see cref="Read"/>, and counts the open descriptors: one entry of /proc/PID/fd each, slow past thousands.</summary>
    public static ProcessSnapshot ReadWithDescriptors(int processId) =>
        ReadRest(processId, System.Diagnostics.Stopwatch.GetTimestamp(), ReadCpu(processId), countDescriptors: true);

    /// <summary>The CPU time of a process (user and system, all its threads, dead ones included) and nothing else: one read of /proc/PID/stat.</summary>
    public static long ReadCpuMicros(int processId)
    {
        var (user, system) = ReadCpu(processId);
        return user + system;
    }

    /// <summary>
    /// A process and all its descendants summed (a server with worker processes): CPU, memory and context
    /// switches added up, threads too. Children found through /proc/PID/task/TID/children. Every process's CPU time
    /// is read first, back to back, so that the tree's CPU is one instant's: the rest took 9 s for six workers holding
    /// 100,000 connections on a busy CPU, and a trial's CPU window then held 9 s more than the trial (c100k's CPU per
    /// request came out 1.6 times too high). Descriptors are not counted (null): that enumeration was most of the 9 s.
    /// </summary>
    public static ProcessSnapshot ReadTree(int processId)
    {
        var children = Descendants(processId);
        var timestamp = System.Diagnostics.Stopwatch.GetTimestamp();
        var processes = new List<(int Id, (long User, long System) Cpu)> { (processId, ReadCpu(processId)) };
        foreach (var child in children)
        {
            try
            {
                processes.Add((child, ReadCpu(child)));
            }
            catch (ProcessGoneException)
            {
                // A worker that just exited no longer counts.
            }
        }

        var total = ReadRest(processId, timestamp, processes[0].Cpu, countDescriptors: false);
        foreach (var (child, cpu) in processes.Skip(1))
        {
            try
            {
                var part = ReadRest(child, timestamp, cpu, countDescriptors: false);
                total = total with
                {
                    UserMicros = total.UserMicros + part.UserMicros,
                    SystemMicros = total.SystemMicros + part.SystemMicros,
                    RssBytes = total.RssBytes + part.RssBytes,
                    PeakRssBytes = total.PeakRssBytes + part.PeakRssBytes,
                    VoluntaryContextSwitches = total.VoluntaryContextSwitches + part.VoluntaryContextSwitches,
                    InvoluntaryContextSwitches = total.InvoluntaryContextSwitches + part.InvoluntaryContextSwitches,
                    Threads = total.Threads + part.Threads,
                };
            }
            catch (ProcessGoneException)
            {
                // Exited between its CPU and the rest: it no longer counts.
            }
        }

        return total;
    }

    /// <summary>User and system CPU time of a process, all its threads (dead ones included), from /proc/PID/stat.</summary>
    private static (long User, long System) ReadCpu(int processId)
    {
        var fields = ProcFile.StatFields(ProcFile.ReadAllText(processId, "stat"));
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) * MicrosPerClockTick, long.Parse(fields[12], CultureInfo.InvariantCulture) * MicrosPerClockTick);
    }

    private static ProcessSnapshot ReadRest(int processId, long timestamp, (long User, long System) cpu, bool countDescriptors)
    {
        var root = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            var status = ProcStatus.Parse(ProcFile.ReadAllText(processId, "status"));
            long voluntary = 0;
            long involuntary = 0;
            var threads = 0;
            foreach (var task in Directory.EnumerateDirectories($"{root}/task"))
            {
                try
                {
                    var taskStatus = ProcStatus.Parse(File.ReadAllText($"{task}/status"));
                    voluntary += taskStatus.Number("voluntary_ctxt_switches");
                    involuntary += taskStatus.Number("nonvoluntary_ctxt_switches");
                    threads++;
                }
                catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
                {
                    // A thread that exits between the listing and the read simply no longer counts.
                }
            }

            return new ProcessSnapshot(
                processId,
                timestamp,
                cpu.User,
                cpu.System,
                status.Kibibytes("VmRSS") * 1024,
                status.Kibibytes("VmHWM") * 1024,
                voluntary,
                involuntary,
                threads,
                countDescriptors ? CountDescriptors(root) : null);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ProcessGoneException(processId, e);
        }
    }

    /// <summary>The entries of /proc/PID/fd; null where another user's process keeps them from us.</summary>
    private static int? CountDescriptors(string root)
    {
        try
        {
            return Directory.EnumerateFileSystemEntries($"{root}/fd").Count();
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Every descendant of a process, children first.</summary>
    public static IReadOnlyList<int> Descendants(int processId)
    {
        var found = new List<int>();
        var pending = new Queue<int>([processId]);
        while (pending.TryDequeue(out var parent))
        {
            try
            {
                foreach (var task in Directory.EnumerateDirectories($"/proc/{parent.ToString(CultureInfo.InvariantCulture)}/task"))
                {
                    var text = File.ReadAllText(Path.Combine(task, "children"));
                    foreach (var child in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                    {
                        var id = int.Parse(child, CultureInfo.InvariantCulture);
                        found.Add(id);
                        pending.Enqueue(id);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile.
            }
        }

        return found;
    }

    /// <summary>Number of open descriptors of this process (the fd-leak check of the conformance suite).</summary>
    public static int CountOwnDescriptors() => Directory.EnumerateFileSystemEntries("/proc/self/fd").Count() - 1;
}
