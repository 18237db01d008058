using System.Globalization;
using System.Runtime.InteropServices;

namespace AsyncIoTools.Engines.Interop;

/// <summary>Pins threads and whole processes to CPUs (sched_setaffinity on every thread of /proc/PID/task).</summary>
public static unsafe partial class CpuAffinity
{
    private const int MaskWords = 16; // 1,024 CPUs, as glibc's cpu_set_t.

    /// <summary>CPUs the calling thread may run on.</summary>
    public static IReadOnlyList<int> OfCurrentThread()
    {
        var mask = stackalloc ulong[MaskWords];
        SyscallTally.Count(SyscallKind.Other);
        if (Libc.sched_getaffinity(0, MaskWords * sizeof(ulong), mask) != 0)
        {
            throw new ErrnoException("sched_getaffinity", Marshal.GetLastPInvokeError());
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

        SyscallTally.Count(SyscallKind.Other);
        if (Libc.sched_setaffinity(threadId, MaskWords * sizeof(ulong), mask) != 0)
        {
            throw new ErrnoException("sched_setaffinity", Marshal.GetLastPInvokeError());
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
                catch (ErrnoException e) when (e.ErrorNumber == Errno.ESRCH)
                {
                    // The thread exited while we walked the list.
                }
            }
        }
    }
}
