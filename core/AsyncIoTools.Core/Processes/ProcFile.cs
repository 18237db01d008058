using System.Globalization;

namespace AsyncIoTools.Processes;

/// <summary>
/// A file of one process under /proc. A process reaped between the file's open and its read answers the read with
/// ESRCH, which .NET raises as a plain <see cref="IOException"/>; for a reader of /proc that is the process's end
/// as surely as a file that is not there, so both become <see cref="ProcessGoneException"/>.
/// </summary>
public static class ProcFile
{
    private const int ESRCH = 3;

    /// <summary>The text of /proc/<paramref name="processId"/>/<paramref name="name"/>.</summary>
    public static string ReadAllText(int processId, string name)
    {
        FileStream file;
        try
        {
            file = File.OpenRead($"{Directory(processId)}/{name}");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new ProcessGoneException(processId, e);
        }

        using (file)
        {
            return ReadToEnd(file, processId);
        }
    }

    /// <summary>The rest of a /proc file of <paramref name="processId"/> that is already open.</summary>
    public static string ReadToEnd(FileStream file, int processId)
    {
        ArgumentNullException.ThrowIfNull(file);
        try
        {
            using var reader = new StreamReader(file, leaveOpen: true);
            return reader.ReadToEnd();
        }
        catch (IOException e) when (e.HResult == ESRCH || !System.IO.Directory.Exists(Directory(processId)))
        {
            throw new ProcessGoneException(processId, e);
        }
    }

    /// <summary>
    /// When the process started, in clock ticks since boot (field 22 of stat, readable by everyone); null when the
    /// line has no such field. The .NET runtime puts this number in its diagnostic socket's name, which tells its
    /// socket from one that an earlier process with the same id left behind.
    /// </summary>
    public static ulong? StartTime(int processId)
    {
        var fields = StatFields(ReadAllText(processId, "stat"));
        return fields.Length > 19 && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) ? ticks : null;
    }

    /// <summary>
    /// The fields of a /proc/PID/stat line after the command name, which may itself hold spaces and parentheses:
    /// state (field 3) comes first, so field N is at index N − 3; none if the line has no name.
    /// </summary>
    public static string[] StatFields(string stat)
    {
        ArgumentNullException.ThrowIfNull(stat);
        var afterName = stat.LastIndexOf(')');
        return afterName > 0 ? stat[(afterName + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
    }

    private static string Directory(int processId) => $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}";
}
