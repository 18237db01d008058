using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using AsyncIoTools.Interop;

namespace AsyncIoTools.Processes;

/// <summary>Pins threads and whole processes to CPUs (sched_setaffinity on every thread of /proc/PID/task; SetProcessAffinityMask on Windows).</summary>
public static unsafe class CpuAffinity
{
    private const int MaskWords = 16; // 1,024 CPUs, as glibc's cpu_set_t.

    /// <summary>CPUs the calling thread may run on.</summary>
    public static IReadOnlyList<int> OfCurrentThread()
    {
        var mask = stackalloc ulong[MaskWords];
        if (Libc.sched_getaffinity(0, MaskWords * sizeof(ulong), mask) != 0)
        {
            throw new SystemCallException("sched_getaffinity", Marshal.GetLastPInvokeError());
        }

        var cpus = new List<int>();
        for (var cpu = 0; cpu < MaskWords * 64; cpu++)
        {
            if ((mask[cpu / 64] & (1UL << (cpu % 64))) != 0)
            {
                cpus.Add(cpu);
            }
        }

        return cpus;
    }

    /// <summary>Pins one thread (0: the calling thread) to <paramref name="cpus"/>.</summary>
    public static void PinThread(int threadId, IReadOnlyCollection<int> cpus)
    {
        ArgumentNullException.ThrowIfNull(cpus);
        var mask = stackalloc ulong[MaskWords];
        new Span<ulong>(mask, MaskWords).Clear();
        foreach (var cpu in cpus)
        {
            if (cpu < 0 || cpu >= MaskWords * 64)
            {
                throw new ArgumentOutOfRangeException(nameof(cpus), cpu, "CPU number out of range");
            }

            mask[cpu / 64] |= 1UL << (cpu % 64);
        }

        if (Libc.sched_setaffinity(threadId, MaskWords * sizeof(ulong), mask) != 0)
        {
            throw new SystemCallException("sched_setaffinity", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>
    /// Pins every current thread of <paramref name="processId"/>. Threads created later inherit the mask of the
    /// thread that creates them, so pinning after start-up covers the loops too; call again to catch stragglers.
    /// </summary>
    public static void PinProcess(int processId, IReadOnlyCollection<int> cpus)
    {
        foreach (var task in Directory.EnumerateDirectories($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/task"))
        {
            if (int.TryParse(Path.GetFileName(task), NumberStyles.None, CultureInfo.InvariantCulture, out var threadId))
            {
                try
                {
                    PinThread(threadId, cpus);
                }
                catch (SystemCallException e) when (e.ErrorNumber == Libc.ESRCH)
                {
                    // The thread exited while we walked the list.
                }
            }
        }
    }

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

        if (!Kernel32.SetProcessAffinityMask(Kernel32.GetCurrentProcess(), mask))
        {
            throw new SystemCallException("SetProcessAffinityMask", Marshal.GetLastPInvokeError());
        }
    }
}
