using System.Diagnostics;
using System.Globalization;

namespace AsyncIoTools.Processes;

/// <summary>
/// The machine's CPU time at one instant, from /proc/stat's first line (cpu user nice system idle iowait irq softirq
/// steal …, clock ticks summed over CPUs): how long the CPUs have been idle (idle and iowait) and stolen by the
/// hypervisor, and how many are online (its cpuN lines). Busy time is taken as wall time on every CPU less these, not
/// from the busy fields: on a tickless kernel idle is measured at each entry to and exit from idle, while user, system
/// and softirq are only sampled at the tick, and a CPU that wakes and sleeps again between two ticks never shows as
/// busy there.
/// </summary>
public sealed record MachineCpuTimes(long IdleMicros, long StealMicros, int OnlineCpus, long TimestampTicks)
{
    /// <summary>/proc's clock tick (USER_HZ, 100 on every Linux build).</summary>
    internal const long MicrosPerClockTick = 10_000;

    public static MachineCpuTimes Read() => Parse(File.ReadAllLines("/proc/stat"), Stopwatch.GetTimestamp());

    /// <summary>The lines of /proc/stat read at <paramref name="timestampTicks"/> (<see cref="Stopwatch.GetTimestamp"/>); 0 for a field the first line lacks.</summary>
    public static MachineCpuTimes Parse(IReadOnlyList<string> lines, long timestampTicks)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var fields = lines.Count > 0 ? lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        long Ticks(int index) => index < fields.Length ? long.Parse(fields[index], CultureInfo.InvariantCulture) : 0;
        var cpus = lines.Count(l => l.Length > 3 && l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]));
        return new MachineCpuTimes((Ticks(4) + Ticks(5)) * MicrosPerClockTick, Ticks(8) * MicrosPerClockTick, cpus, timestampTicks);
    }

    /// <summary>The reading halfway between two: what stands for the instant of something read in between them.</summary>
    public static MachineCpuTimes Between(MachineCpuTimes first, MachineCpuTimes last)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(last);
        return new MachineCpuTimes(
            (first.IdleMicros + last.IdleMicros) / 2,
            (first.StealMicros + last.StealMicros) / 2,
            last.OnlineCpus,
            first.TimestampTicks + ((last.TimestampTicks - first.TimestampTicks) / 2));
    }

    /// <summary>
    /// Time the CPUs were busy from <paramref name="before"/> to this reading: wall time times the CPUs online, less idle
    /// and steal; null when CPUs came or went in between (the first line sums every possible CPU's idle, an offline
    /// one's standing still).
    /// </summary>
    public long? BusyMicrosSince(MachineCpuTimes before)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (OnlineCpus != before.OnlineCpus)
        {
            return null;
        }

        var wallMicros = (TimestampTicks - before.TimestampTicks) * 1_000_000.0 / Stopwatch.Frequency;
        return (long)(wallMicros * OnlineCpus) - (IdleMicros - before.IdleMicros) - (StealMicros - before.StealMicros);
    }
}
