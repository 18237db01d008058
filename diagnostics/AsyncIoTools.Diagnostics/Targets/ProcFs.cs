using System.Globalization;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>
/// The few facts about a process that /proc gives without attaching. Files another user's process keeps private
/// (maps, environ) answer <c>null</c>: "cannot tell", which the caller turns into a permission error.
/// </summary>
internal static class ProcFs
{
    public static bool Exists(int processId) => Directory.Exists(Folder(processId));

    /// <summary>
    /// True for a process, false for a thread of another one: /proc/TID answers for threads too, and a stale
    /// endpoint's id may since have been given to a thread.
    /// </summary>
    public static bool IsProcess(int processId) => ThreadGroupId(processId) == processId;

    /// <summary>The process a thread id belongs to (the "Tgid:" line of status; its own id for a process); null if gone.</summary>
    public static int? ThreadGroupId(int threadId)
    {
        try
        {
            var tgid = File.ReadLines(Path.Combine(Folder(threadId), "status")).FirstOrDefault(l => l.StartsWith("Tgid:", StringComparison.Ordinal));
            return tgid is not null && int.TryParse(tgid[5..].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// When the process started, in clock ticks since boot (field 22 of /proc/PID/stat, readable by everyone); null if
    /// gone. The runtime puts this number in its endpoint's name, which tells its socket from one left by an earlier
    /// process that had the same id.
    /// </summary>
    public static ulong? StartTime(int processId)
    {
        try
        {
            return ProcFile.StartTime(processId);
        }
        catch (Exception e) when (e is ProcessGoneException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The names of the process's threads. Unlike maps and environ they stay readable when the process holds
    /// privileges we lack, and the runtime names its own (".NET SigHandler", ".NET Finalizer").
    /// </summary>
    public static IReadOnlyList<string> ThreadNames(int processId)
    {
        try
        {
            return Directory.EnumerateDirectories(Path.Combine(Folder(processId), "task"))
                .Select(task => ThreadName(processId, int.Parse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture)))
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>The name of one thread of a process (the runtime names its own: ".NET Timer"); "?" if gone.</summary>
    public static string ThreadName(int processId, int threadId)
    {
        try
        {
            return File.ReadAllText(Path.Combine(Folder(processId), "task", threadId.ToString(CultureInfo.InvariantCulture), "comm")).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }

    public static string Name(int processId)
    {
        try
        {
            return File.ReadAllText(Path.Combine(Folder(processId), "comm")).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }

    /// <summary>The real uid of the process (the "Uid:" line of status, readable by everyone); -1 if gone.</summary>
    public static int OwnerUid(int processId)
    {
        try
        {
            foreach (var line in File.ReadLines(Path.Combine(Folder(processId), "status")))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    return int.Parse(line.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return -1;
        }

        return -1;
    }

    /// <summary>
    /// The scheduler state of the process's main thread (R running, S sleeping, T stopped, t stopped by a tracer, Z…),
    /// from /proc/PID/stat, whose name field may itself hold spaces and parentheses; null if the process is gone.
    /// </summary>
    public static char? State(int processId) => StateIn(Path.Combine(Folder(processId), "stat"));

    private static char? State(int processId, int threadId) =>
        StateIn(Path.Combine(Folder(processId), "task", threadId.ToString(CultureInfo.InvariantCulture), "stat"));

    private static char? StateIn(string statPath)
    {
        try
        {
            return ProcFile.StatFields(File.ReadAllText(statPath)) is [{ Length: 1 } state, ..] ? state[0] : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether the process has exited and waits for its parent to reap it: every thread a zombie. A leader alone in
    /// state Z while other threads run (its main thread ended first) is a live process.
    /// </summary>
    public static bool IsZombie(int processId)
    {
        if (State(processId) is not ('Z' or 'X'))
        {
            return false;
        }

        try
        {
            return Directory.EnumerateDirectories(Path.Combine(Folder(processId), "task"))
                .All(task => int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var threadId)
                    && (threadId == processId || State(processId, threadId) is null or 'Z' or 'X'));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true;
        }
    }

    /// <summary>
    /// Whether the process has begun to exit: the kernel marks a task PF_EXITING (flags, field 9 of stat) on its way
    /// out, and takes its memory map away before it turns zombie, so its maps then show no runtime.
    /// </summary>
    public static bool IsExiting(int processId)
    {
        const ulong PF_EXITING = 0x4;
        try
        {
            var fields = ProcFile.StatFields(ProcFile.ReadAllText(processId, "stat"));
            return fields.Length > 6 && ulong.TryParse(fields[6], NumberStyles.None, CultureInfo.InvariantCulture, out var flags) && (flags & PF_EXITING) != 0;
        }
        catch (Exception e) when (e is ProcessGoneException or IOException or UnauthorizedAccessException)
        {
            return !Exists(processId);
        }
    }

    /// <summary>
    /// Whether the process that started at <paramref name="startTime"/> is gone: no such process, a zombie, or its id
    /// given to another process since.
    /// </summary>
    public static bool HasExited(int processId, ulong startTime) =>
        StartTime(processId) is not { } now || now != startTime || IsZombie(processId);

    public static int OwnUid() => OwnerUid(System.Environment.ProcessId);

    /// <summary>Whether the CoreCLR library is mapped: true, false, or null when the maps are not ours to read.</summary>
    public static bool? LoadsCoreClr(int processId)
    {
        try
        {
            return File.ReadLines(Path.Combine(Folder(processId), "maps")).Any(l => l.EndsWith("/libcoreclr.so", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The process environment, or null when it is not ours to read.</summary>
    public static IReadOnlyDictionary<string, string>? Environment(int processId)
    {
        try
        {
            var variables = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in File.ReadAllText(Path.Combine(Folder(processId), "environ")).Split('\0', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = entry.IndexOf('=', StringComparison.Ordinal);
                if (equals > 0)
                {
                    variables[entry[..equals]] = entry[(equals + 1)..];
                }
            }

            return variables;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The version of the libcoreclr.so the process mapped (its folder is named after it), or null.</summary>
    public static string? RuntimeVersion(int processId)
    {
        try
        {
            var line = File.ReadLines(Path.Combine(Folder(processId), "maps")).FirstOrDefault(l => l.EndsWith("/libcoreclr.so", StringComparison.Ordinal));
            return line is null ? null : Path.GetFileName(Path.GetDirectoryName(line[line.IndexOf('/', StringComparison.Ordinal)..]));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static IEnumerable<int> ProcessIds()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                yield return id;
            }
        }
    }

    private static string Folder(int processId) => "/proc/" + processId.ToString(CultureInfo.InvariantCulture);
}
