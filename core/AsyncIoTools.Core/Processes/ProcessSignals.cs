using System.Runtime.InteropServices;
using AsyncIoTools.Interop;

namespace AsyncIoTools.Processes;

/// <summary>
/// Signals to other processes that .NET has no API for (it only kills). The heap-snapshot watchdog needs SIGCONT:
/// a ptrace tracer that dies between attaching to a thread and collecting its stop leaves that thread's SIGSTOP
/// pending, and the whole process then stays stopped until someone continues it.
/// </summary>
public static class ProcessSignals
{
    /// <summary>Sends SIGCONT; false when the process is gone (ESRCH).</summary>
    public static bool Continue(int processId)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(processId);
        if (Libc.kill(processId, Libc.SIGCONT) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        return errno == Libc.ESRCH ? false : throw new SystemCallException("kill", errno);
    }
}
