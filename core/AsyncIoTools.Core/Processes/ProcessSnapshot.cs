using System.Globalization;

namespace AsyncIoTools.Processes;

/// <summary>
/// What /proc says of one process at one instant: CPU time (all threads, dead ones included), memory, context
/// switches (summed over live threads) and open descriptors. Differences of two snapshots give a trial's cost.
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
    int OpenDescriptors)
{
    // USER_HZ is part of the kernel ABI on Linux and is 100 on every architecture we run on.
    private const long MicrosPerClockTick = 10_000;

    public long CpuMicros => UserMicros + SystemMicros;

    /// <summary>Reads /proc/PID; a process that is gone raises <see cref="ProcessGoneException"/>.</summary>
    public static ProcessSnapshot Read(int processId)
    {
        var root = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}";
        try
        {
            var timestamp = System.Diagnostics.Stopwatch.GetTimestamp();
            var stat = ProcFile.ReadAllText(processId, "stat");

            // The command name sits in parentheses and may itself hold spaces or parentheses.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var user = long.Parse(fields[11], CultureInfo.InvariantCulture) * MicrosPerClockTick;
            var system = long.Parse(fields[12], CultureInfo.InvariantCulture) * MicrosPerClockTick;

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

            var descriptors = 0;
            try
            {
                descriptors = Directory.EnumerateFileSystemEntries($"{root}/fd").Count();
            }
            catch (UnauthorizedAccessException)
            {
                descriptors = -1;
            }

            return new ProcessSnapshot(
                processId,
                timestamp,
                user,
                system,
                status.Kibibytes("VmRSS") * 1024,
                status.Kibibytes("VmHWM") * 1024,
                voluntary,
                involuntary,
                threads,
                descriptors);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ProcessGoneException(processId, e);
        }
    }

    /// <summary>
    /// A process and all its descendants summed (a server with worker processes): CPU, memory and context
    /// switches added up, threads and descriptors too. Children found through /proc/PID/task/TID/children.
    /// </summary>
    public static ProcessSnapshot ReadTree(int processId)
    {
        var root = Read(processId);
        var total = root;
        foreach (var child in Descendants(processId))
        {
            try
            {
                var part = Read(child);
                total = total with
                {
                    UserMicros = total.UserMicros + part.UserMicros,
                    SystemMicros = total.SystemMicros + part.SystemMicros,
                    RssBytes = total.RssBytes + part.RssBytes,
                    PeakRssBytes = total.PeakRssBytes + part.PeakRssBytes,
                    VoluntaryContextSwitches = total.VoluntaryContextSwitches + part.VoluntaryContextSwitches,
                    InvoluntaryContextSwitches = total.InvoluntaryContextSwitches + part.InvoluntaryContextSwitches,
                    Threads = total.Threads + part.Threads,
                    OpenDescriptors = total.OpenDescriptors + part.OpenDescriptors,
                };
            }
            catch (ProcessGoneException)
            {
                // A worker that just exited no longer counts.
            }
        }

        return total;
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
