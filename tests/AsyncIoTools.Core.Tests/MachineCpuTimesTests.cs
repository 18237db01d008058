using System.Diagnostics;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Core.Tests;

public sealed class MachineCpuTimesTests
{
    [Fact]
    public void Parse_IdleIsIdleAndIowait_StealApart_CpusCounted()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice, in ticks of 10 ms.
        string[] lines = ["cpu  1000 50 500 9000 100 30 200 30 7 0", "cpu0 500 25 250 4500 50 15 100 15 3 0", "cpu1 500 25 250 4500 50 15 100 15 4 0", "intr 1 2 3", "cpu_extra 1"];

        Assert.Equal(new MachineCpuTimes(9100 * 10_000L, 30 * 10_000L, 2, 42), MachineCpuTimes.Parse(lines, 42));
        // An old kernel's line without steal and the rest.
        Assert.Equal(new MachineCpuTimes(9100 * 10_000L, 0, 1, 7), MachineCpuTimes.Parse(["cpu 1000 50 500 9000 100", "cpu0 1000 50 500 9000 100"], 7));
    }

    [Fact]
    public void BusyMicrosSince_IsWallTimesCpusLessIdleAndSteal()
    {
        var before = new MachineCpuTimes(IdleMicros: 1_000_000, StealMicros: 0, OnlineCpus: 2, TimestampTicks: 0);
        var after = new MachineCpuTimes(IdleMicros: 1_700_000, StealMicros: 100_000, OnlineCpus: 2, TimestampTicks: Stopwatch.Frequency);

        // 1 s on 2 CPUs: 0.7 s idle, 0.1 s stolen.
        Assert.Equal(1_200_000, after.BusyMicrosSince(before));
        // A CPU taken offline in between: the first line's idle no longer adds up to wall time on every CPU.
        Assert.Null((after with { OnlineCpus = 1 }).BusyMicrosSince(before));
    }

    [Fact]
    public void Between_IsHalfwayInTimeAndInIdle()
    {
        var first = new MachineCpuTimes(IdleMicros: 1_000, StealMicros: 10, OnlineCpus: 2, TimestampTicks: 100);
        var last = new MachineCpuTimes(IdleMicros: 3_000, StealMicros: 30, OnlineCpus: 2, TimestampTicks: 300);

        Assert.Equal(new MachineCpuTimes(2_000, 20, 2, 200), MachineCpuTimes.Between(first, last));
    }

    [Fact]
    public void Read_ThisMachine_CountsItsCpusAndTheirIdleTime()
    {
        var reading = MachineCpuTimes.Read();

        Assert.InRange(reading.OnlineCpus, Environment.ProcessorCount, 4096); // the process may be held to fewer
        Assert.True(reading.IdleMicros > 0);
    }
}
