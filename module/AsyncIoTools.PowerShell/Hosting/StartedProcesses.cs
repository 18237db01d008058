using System.Diagnostics;
using System.Globalization;
using AsyncIoTools.Processes;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>
/// The aiotools processes this PowerShell process started from the module's copy of the CLI (servers with their
/// workers, load shards), read from /proc. Ctrl+C ends the ones a command started when its run does not wind them
/// down by itself in time, so the prompt comes back promptly and nothing is left behind; servers started earlier
/// (Start-IoEngineServer jobs) are not touched.
/// </summary>
public sealed class StartedProcesses
{
    private readonly string _program;
    private readonly IReadOnlySet<int> _before;

    /// <summary>Notes the ones already running, so that only those started after this are ever ended.</summary>
    public StartedProcesses(string programFolder)
    {
        _program = programFolder;
        _before = Running(programFolder);
    }

    /// <summary>Kills (with their own children) those started since this was created; returns how many.</summary>
    public int EndNew()
    {
        var ended = 0;
        foreach (var id in Running(_program).Except(_before))
        {
            try
            {
                using var process = Process.GetProcessById(id);
                process.Kill(entireProcessTree: true);
                ended++;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // It exited on its own meanwhile.
            }
        }

        return ended;
    }

    /// <summary>Children of this process running the program in <paramref name="programFolder"/> (as apphost or dll).</summary>
    public static IReadOnlySet<int> Running(string programFolder)
    {
        ArgumentNullException.ThrowIfNull(programFolder);
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        var found = new HashSet<int>();
        if (!Directory.Exists("/proc"))
        {
            return found;
        }

        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            try
            {
                var fields = ProcFile.StatFields(File.ReadAllText(Path.Combine(directory, "stat")));
                if (fields.Length > 1 && fields[1] == self && File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(programFolder, StringComparison.Ordinal))
                {
                    found.Add(id);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone, or not ours to read.
            }
        }

        return found;
    }
}
