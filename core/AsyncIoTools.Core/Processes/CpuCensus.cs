using System.Diagnostics;
using System.Globalization;

namespace AsyncIoTools.Processes;

/// <summary>
/// The CPU time of every process on the machine at one instant (kernel threads included), by process id and start
/// time, so that an id the kernel hands out again is a new process. A process's time includes its children's that it
/// has waited for (cutime, cstime): a short-lived process that ends between two censuses (a build's compiler, a
/// script's commands) is seen through its parent, whole lifetime at once. Two censuses give what processes other than
/// ours used in between. The machine's busy time less ours does not: CPU time the kernel spent in softirq while a CPU
/// was idle is in /proc/stat's busy time and in no process's, and on loopback that is our own traffic's (c100k on
/// io_uring showed 30-38% of a CPU of "other processes" that way, with none running). For the same reason the
/// kernel's softirq threads (ksoftirqd/N) are left out: the network work they take over when softirqs back up is, on
/// a loopback run, our traffic's (c100k runs named ksoftirqd the busiest other process).
/// </summary>
public sealed class CpuCensus
{
    private readonly Dictionary<(int Id, long Start), Entry> _cpuMicros;

    private CpuCensus(long timestampTicks, Dictionary<(int Id, long Start), Entry> cpuMicros, MachineCpuTimes? machine)
    {
        TimestampTicks = timestampTicks;
        _cpuMicros = cpuMicros;
        Machine = machine;
    }

    /// <summary>When the census was taken (<see cref="Stopwatch.GetTimestamp"/>).</summary>
    public long TimestampTicks { get; }

    /// <summary>Processes counted.</summary>
    public int Count => _cpuMicros.Count;

    /// <summary>
    /// The machine's CPU times halfway through the census (read before and after it: reading every process takes tens
    /// of milliseconds, in which a loaded machine is busy on every CPU); null for a census made of given lines.
    /// </summary>
    public MachineCpuTimes? Machine { get; }

    /// <summary>Reads /proc/PID/stat of every process; one that exits meanwhile is left out.</summary>
    public static CpuCensus Take()
    {
        var first = MachineCpuTimes.Read();
        var cpu = Tally(StatLines());
        var last = MachineCpuTimes.Read();
        return new CpuCensus(last.TimestampTicks, cpu, MachineCpuTimes.Between(first, last));
    }

    /// <summary>A census of the given processes' stat lines (id, text), for tests and for reading elsewhere.</summary>
    public static CpuCensus Of(long timestampTicks, IEnumerable<(int Id, string Stat)> processes, MachineCpuTimes? machine = null)
    {
        ArgumentNullException.ThrowIfNull(processes);
        return new CpuCensus(timestampTicks, Tally(processes), machine);
    }

    private static IEnumerable<(int Id, string Stat)> StatLines()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // Exited between the listing and the read.
            }

            yield return (id, stat);
        }
    }

    private static Dictionary<(int Id, long Start), Entry> Tally(IEnumerable<(int Id, string Stat)> processes)
    {
        var cpu = new Dictionary<(int Id, long Start), Entry>();
        foreach (var (id, stat) in processes)
        {
            if (Parse(stat) is { IsSoftirqThread: false } entry)
            {
                cpu[(id, entry.Start)] = new Entry(entry.Name, entry.CpuMicros, entry.ChildrenMicros, entry.IsKernelThread, entry.ParentId);
            }
        }

        return cpu;
    }

    /// <summary>
    /// CPU time used between <paramref name="before"/> and this census by processes not in <paramref name="ours"/>: a
    /// process that started meanwhile counts from nothing; one that ended meanwhile is seen through the parent that
    /// waited for it.
    /// </summary>
    public long OthersSince(CpuCensus before, IReadOnlySet<int> ours) => Others(before, ours).Sum(o => o.CpuMicros);

    /// <summary>The process outside <paramref name="ours"/> that used the most CPU since <paramref name="before"/>, if any used some.</summary>
    public (string Name, int ProcessId, long CpuMicros)? BusiestOtherSince(CpuCensus before, IReadOnlySet<int> ours) =>
        Others(before, ours).Where(o => o.CpuMicros > 0).OrderByDescending(o => o.CpuMicros).Select(o => ((string, int, long)?)o).FirstOrDefault();

    /// <summary>
    /// Each process's time since <paramref name="before"/>. A process that ended meanwhile is in its parent's
    /// children's time, whole life: what it had used before is taken off the nearest forebear still here, or a shell
    /// that reaps a long-running job mid-trial reads as thousands of percent of a CPU (seen: "bash, 4,462 %"). No
    /// more is taken off a forebear than its children's time grew by: one whose ended child went to init, or whose
    /// kernel dropped its children's times (SIGCHLD ignored), keeps its own time.
    /// </summary>
    private IEnumerable<(string Name, int ProcessId, long CpuMicros)> Others(CpuCensus before, IReadOnlySet<int> ours)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(ours);
        var earlierById = new Dictionary<int, (long Start, int ParentId)>();
        foreach (var ((id, start), entry) in before._cpuMicros)
        {
            earlierById[id] = (start, entry.ParentId);
        }

        var reaped = new Dictionary<(int Id, long Start), long>();
        foreach (var (key, (_, micros, _, kernelThread, parent)) in before._cpuMicros)
        {
            if (kernelThread || _cpuMicros.ContainsKey(key))
            {
                continue;
            }

            // Its forebears may have ended too (their parent waited for them, and with them for it); an id handed out
            // again is another process, not the forebear.
            var forebear = earlierById.TryGetValue(parent, out var p) ? (Id: parent, p.Start) : default;
            for (var hops = 0; forebear.Id > 0 && !_cpuMicros.ContainsKey(forebear) && hops < 64; hops++)
            {
                var next = earlierById[forebear.Id].ParentId;
                forebear = earlierById.TryGetValue(next, out var n) ? (next, n.Start) : default;
            }

            if (forebear.Id > 0)
            {
                reaped[forebear] = reaped.GetValueOrDefault(forebear) + micros;
            }
        }

        foreach (var ((id, start), (name, micros, children, _, _)) in _cpuMicros)
        {
            if (ours.Contains(id))
            {
                continue;
            }

            var earlier = before._cpuMicros.TryGetValue((id, start), out var e) ? e : default;
            var childrenGrowth = Math.Max(0, children - earlier.ChildrenMicros);
            var used = micros - earlier.CpuMicros - Math.Min(reaped.GetValueOrDefault((id, start)), childrenGrowth);
            yield return (name, id, Math.Max(0, used));
        }
    }

    /// <summary>
    /// CPU time the machine was busy between <paramref name="before"/> and this census that no counted process was
    /// charged for: the softirq threads, left out of every census, and softirq work done while a CPU was idle (on a
    /// kernel without CONFIG_IRQ_TIME_ACCOUNTING, as here; with it, softirq work that interrupted a process is taken
    /// out of that process's time and lands here too). On loopback that is the run's own traffic's network work, in
    /// neither the server's CPU nor the load's, so an engine that leaves more of it there looks cheaper per request.
    /// What processes were charged is summed process by process, one that started meanwhile from nothing. A process
    /// that ended meanwhile is in its waiting parent's children's time, whole life, so what it had before is taken off;
    /// but not for a kernel thread, which nobody waits for (kthreadd reaps its workers without keeping their time):
    /// only its time in the window goes unaccounted, not its whole life. Process times come in whole clock ticks: a
    /// quiet window can come out slightly below zero, read as none. Null when either census lacks a machine reading,
    /// when CPUs came or went between them, or when a census could not see the kernel's threads (a PID namespace):
    /// then /proc/stat counts processes the census cannot see.
    /// </summary>
    public long? UnchargedSince(CpuCensus before)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (Machine is not { } machine || before.Machine is not { } earlier || !SeesKernelThreads || !before.SeesKernelThreads
            || machine.BusyMicrosSince(earlier) is not { } busy)
        {
            return null;
        }

        var charged = 0L;
        foreach (var (key, (_, micros, _, _, _)) in _cpuMicros)
        {
            charged += micros - (before._cpuMicros.TryGetValue(key, out var earlierCpu) ? earlierCpu.CpuMicros : 0);
        }

        foreach (var (key, (_, micros, _, kernelThread, _)) in before._cpuMicros)
        {
            if (!kernelThread && !_cpuMicros.ContainsKey(key))
            {
                charged -= micros; // Ended: its whole life is in its parent's children's time now.
            }
        }

        return Math.Max(0, busy - charged);
    }

    /// <summary>Whether the census saw kernel threads (kthreadd and its workers): not from inside a PID namespace.</summary>
    private bool SeesKernelThreads => _cpuMicros.Values.Any(v => v.IsKernelThread);

    /// <summary>Seconds from <paramref name="before"/> to this census.</summary>
    public double SecondsSince(CpuCensus before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return (double)(TimestampTicks - before.TimestampTicks) / Stopwatch.Frequency;
    }

    /// <summary>
    /// This process and every process under it: a run's server, its workers and its load processes. Take it beside each
    /// census and pass the union, so that a process of ours that ends between them is not called another's.
    /// </summary>
    public static IReadOnlySet<int> OurProcesses() => new HashSet<int>([Environment.ProcessId, .. ProcessSnapshot.Descendants(Environment.ProcessId)]);

    private static (string Name, long Start, long CpuMicros, long ChildrenMicros, bool IsKernelThread, bool IsSoftirqThread, int ParentId)? Parse(string stat)
    {
        // ppid, flags, utime, stime, cutime, cstime and starttime are fields 4, 9, 14-17 and 22.
        const ulong PF_KTHREAD = 0x00200000;
        var beforeName = stat.IndexOf('(', StringComparison.Ordinal);
        var afterName = stat.LastIndexOf(')');
        var fields = beforeName >= 0 && afterName > beforeName ? ProcFile.StatFields(stat) : [];
        if (fields.Length < 20
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var user)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var system)
            || !long.TryParse(fields[13], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var childrenUser)
            || !long.TryParse(fields[14], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var childrenSystem)
            || !long.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
            || !ulong.TryParse(fields[6], NumberStyles.None, CultureInfo.InvariantCulture, out var flags)
            || !int.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
        {
            return null;
        }

        var name = stat[(beforeName + 1)..afterName];
        var kernelThread = (flags & PF_KTHREAD) != 0;
        var children = (Math.Max(0, childrenUser) + Math.Max(0, childrenSystem)) * MachineCpuTimes.MicrosPerClockTick;
        return (name, start, ((user + system) * MachineCpuTimes.MicrosPerClockTick) + children, children, kernelThread,
            kernelThread && name.StartsWith("ksoftirqd/", StringComparison.Ordinal), parent);
    }

    /// <summary>One process in a census: its time includes its waited-for children's (<see cref="ChildrenMicros"/>).</summary>
    private readonly record struct Entry(string Name, long CpuMicros, long ChildrenMicros, bool IsKernelThread, int ParentId);
}
