using System.Globalization;
using AsyncIoTools.Processes;

namespace AsyncIoTools.PowerShell.Runspace.Tests.Support;

/// <summary>The aiotools processes descended from this test process (servers and load shards the module started), read from /proc.</summary>
public static class ChildProcesses
{
    public static IReadOnlyList<int> Aiotools()
    {
        var parents = new Dictionary<int, int>();
        var names = new Dictionary<int, string>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                var fields = ProcFile.StatFields(File.ReadAllText(Path.Combine(directory, "stat")));
                if (fields is not [not "Z", _, ..])
                {
                    continue;
                }

                parents[pid] = int.Parse(fields[1], CultureInfo.InvariantCulture);
                names[pid] = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                // Gone while we looked.
            }
        }

        var self = Environment.ProcessId;
        return parents.Keys.Where(pid => names[pid].Contains("aiotools", StringComparison.Ordinal) && DescendsFrom(pid, self, parents)).Order().ToArray();
    }

    private static bool DescendsFrom(int pid, int ancestor, Dictionary<int, int> parents)
    {
        for (var current = pid; parents.TryGetValue(current, out var parent) && parent > 1; current = parent)
        {
            if (parent == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
