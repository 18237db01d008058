using System.Runtime.InteropServices;
using AsyncIoTools.Interop;

namespace AsyncIoTools.Processes;

/// <summary>RLIMIT_NOFILE of this or another process: how many descriptors it may hold.</summary>
public static unsafe class ResourceLimits
{
    public static OpenFilesLimit GetOpenFiles(int processId = 0)
    {
        Libc.rlimit current;
        return Libc.prlimit(processId, Libc.RLIMIT_NOFILE, null, &current) == 0
            ? new OpenFilesLimit(Clamp(current.rlim_cur), Clamp(current.rlim_max))
            : throw new SystemCallException("prlimit", Marshal.GetLastPInvokeError());
    }

    /// <summary>Sets the soft limit (never above the hard one, which needs privileges to raise).</summary>
    public static OpenFilesLimit SetOpenFilesSoft(long soft, int processId = 0)
    {
        var limit = GetOpenFiles(processId);
        var wanted = new Libc.rlimit { rlim_cur = (ulong)Math.Min(soft, limit.Hard), rlim_max = (ulong)limit.Hard };
        return Libc.prlimit(processId, Libc.RLIMIT_NOFILE, &wanted, null) == 0
            ? GetOpenFiles(processId)
            : throw new SystemCallException("prlimit", Marshal.GetLastPInvokeError());
    }

    /// <summary>Raises the soft limit to the hard limit, the most an unprivileged process may hold.</summary>
    public static OpenFilesLimit RaiseOpenFilesToHard(int processId = 0) => SetOpenFilesSoft(long.MaxValue, processId);

    private static long Clamp(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;
}
