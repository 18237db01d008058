using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace AsyncIoTools.Engines.Interop;

public static unsafe partial class CpuAffinity
{
    /// <summary>
    /// Pins this whole process (SetProcessAffinityMask): every thread, present and future, runs only on
    /// <paramref name="cpus"/>. Windows masks cover the process's processor group: CPUs 0 to 63.
    /// </summary>
    [SupportedOSPlatform("windows")]
    public static void PinCurrentProcess(IReadOnlyCollection<int> cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        nuint mask = 0;
        foreach (var cpu in cpus)
        {
            if (cpu < 0 || cpu >= sizeof(nuint) * 8)
            {
                throw new ArgumentOutOfRangeException(nameof(cpus), cpu, "CPU number out of range for one processor group");
            }

            mask |= (nuint)1 << cpu;
        }

        SyscallTally.Count(SyscallKind.Other);
        if (!Kernel32.SetProcessAffinityMask(Kernel32.GetCurrentProcess(), mask))
        {
            throw new Win32ErrorException("SetProcessAffinityMask", Marshal.GetLastPInvokeError());
        }
    }
}
