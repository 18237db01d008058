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

    private static string Directory(int processId) => $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}";
}
