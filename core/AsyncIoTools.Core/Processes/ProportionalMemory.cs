using System.Globalization;

namespace AsyncIoTools.Processes;

/// <summary>
/// The proportional set size (PSS) of a process tree, from /proc/PID/smaps_rollup: each page divided among the
/// processes that map it. A server of several worker processes maps the same runtime and assemblies in each, so the
/// sum of their RSS counts those pages once per process; the sum of their PSS counts them once, as the machine pays.
/// </summary>
public static class ProportionalMemory
{
    /// <summary>
    /// The PSS of a process and its descendants in bytes; null when it cannot be read for the process itself: gone
    /// or going (a dying process's smaps_rollup answers ESRCH), no smaps_rollup (kernels before 4.14), or not ours to read.
    /// </summary>
    public static long? TreeBytes(int processId)
    {
        long total = 0;
        foreach (var pid in ProcessSnapshot.Descendants(processId).Prepend(processId))
        {
            try
            {
                total += PssKibibytes(File.ReadAllLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/smaps_rollup")) * 1024;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (pid == processId)
                {
                    return null;
                }

                // A worker that just exited (or is exiting) no longer counts.
            }
        }

        return total;
    }

    /// <summary>The "Pss:" line of smaps_rollup, in KiB (0 when there is none).</summary>
    public static long PssKibibytes(IEnumerable<string> smapsRollup)
    {
        ArgumentNullException.ThrowIfNull(smapsRollup);
        foreach (var line in smapsRollup)
        {
            if (line.StartsWith("Pss:", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(4).Trim().TrimEnd("kB").Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
