using AsyncIoTools.Processes;
using AsyncIoTools.Results;
using Xunit;

namespace AsyncIoTools.Benchmarks.Tests.Results;

public sealed class SystemMeasurementTests
{
    [Fact]
    public void Between_RecordsTheDropsAndTimeoutsOfTheTrial()
    {
        var before = SystemSnapshot.Read();
        var after = before with { TcpRetransmits = before.TcpRetransmits + 30, SoftnetDrops = before.SoftnetDrops + 12, TcpTimeouts = before.TcpTimeouts + 2 };

        var measurement = SystemMeasurement.Between(before, after, 0, 1, 100);

        Assert.Equal((30L, 12L, 2L), (measurement.TcpRetransmits, measurement.SoftnetDrops!.Value, measurement.TcpTimeouts!.Value));
    }

    [Fact]
    public void Between_GivesOtherProcessesAndStealAsSharesOfOneCpu()
    {
        var before = SystemSnapshot.Read();
        var after = before with { StealMicros = before.StealMicros + 500_000 };

        var measurement = SystemMeasurement.Between(before, after, 300_000, 2, 100, ("cron", 200_000));

        Assert.Equal((300_000L, 0.15, 0.25), (measurement.OtherCpuMicros, measurement.OtherCpuShare, measurement.StealCpuShare!.Value));
        Assert.Equal(("cron", 0.1), (measurement.BusiestOtherProcess, measurement.BusiestOtherCpuShare!.Value));
        Assert.Null(SystemMeasurement.Between(before, after, 0, 2, 100).BusiestOtherProcess);
    }

    [Fact]
    public void Between_GivesTheUnchargedCpuPerRequest_AndNoneWithoutAReading()
    {
        var snapshot = SystemSnapshot.Read();

        var measurement = SystemMeasurement.Between(snapshot, snapshot, 0, 2, 400, unchargedCpuMicros: 1_000);

        Assert.Equal((1_000L, 2.5), (measurement.UnchargedCpuMicros!.Value, measurement.UnchargedCpuMicrosPerRequest!.Value));
        Assert.Null(SystemMeasurement.Between(snapshot, snapshot, 0, 2, 400).UnchargedCpuMicrosPerRequest);
        Assert.Null(SystemMeasurement.Between(snapshot, snapshot, 0, 2, 0, unchargedCpuMicros: 1_000).UnchargedCpuMicrosPerRequest);
    }
}
