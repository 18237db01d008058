using AsyncIoTools.Processes;
using Xunit;

namespace AsyncIoTools.Core.Tests;

public sealed class SystemSnapshotTests
{
    [Fact]
    public void SoftnetDrops_SumsTheSecondHexColumnOverCpus()
    {
        string[] lines =
        [
            "1bbed587 00008972 00000333 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000",
            "200fe438 00040890 00000412 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000001",
        ];

        Assert.Equal(0x8972 + 0x40890, SystemSnapshot.SumSoftnetDrops(lines));
    }

    [Fact]
    public void NetstatValue_ReadsTheCounterOfItsOwnGroup()
    {
        string[] lines =
        [
            "TcpExt: SyncookiesSent ListenOverflows TCPTimeouts",
            "TcpExt: 1 7 13",
            "IpExt: InNoRoutes TCPTimeouts",
            "IpExt: 5 99",
        ];

        Assert.Equal(13, SystemSnapshot.NetstatValue(lines, "TcpExt:", "TCPTimeouts"));
        Assert.Equal(99, SystemSnapshot.NetstatValue(lines, "IpExt:", "TCPTimeouts"));
        Assert.Equal(0, SystemSnapshot.NetstatValue(lines, "TcpExt:", "NoSuchCounter"));
    }

    [Fact]
    public void CpuTimes_IdleIsIdleAndIowait_StealApart_CpusCounted()
    {
        // user nice system idle iowait irq softirq steal guest guest_nice, in ticks of 10 ms.
        string[] lines = ["cpu  1000 50 500 9000 100 30 200 30 7 0", "cpu0 500 25 250 4500 50 15 100 15 3 0", "cpu1 500 25 250 4500 50 15 100 15 4 0", "intr 1 2 3", "cpu_extra 1"];
        Assert.Equal((9100 * 10_000L, 30 * 10_000L, 2), SystemSnapshot.CpuTimes(lines));
        // An old kernel's line without steal and the rest.
        Assert.Equal((9100 * 10_000L, 0L, 1), SystemSnapshot.CpuTimes(["cpu 1000 50 500 9000 100", "cpu0 1000 50 500 9000 100"]));
    }

    [Fact]
    public void BusyMicrosSince_IsWallTimesCpusLessIdleAndSteal()
    {
        var before = SystemSnapshot.Read() with { TimestampTicks = 0, IdleMicros = 1_000_000, StealMicros = 0, OnlineCpus = 2 };
        var after = before with { TimestampTicks = System.Diagnostics.Stopwatch.Frequency, IdleMicros = 1_700_000, StealMicros = 100_000 };

        // 1 s on 2 CPUs: 0.7 s idle, 0.1 s stolen.
        Assert.Equal(1_200_000, after.BusyMicrosSince(before));
    }

    [Fact]
    public void Read_ThisMachine_CountsNoNegativeDrops()
    {
        var snapshot = SystemSnapshot.Read();

        Assert.InRange(snapshot.OnlineCpus, Environment.ProcessorCount, 4096); // the process may be held to fewer
        Assert.True(snapshot.IdleMicros > 0);
        Assert.True(snapshot.SoftnetDrops >= 0);
        Assert.True(snapshot.TcpTimeouts >= 0);
    }
}
