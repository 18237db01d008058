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
    public void Read_ThisMachine_CountsNoNegativeDrops()
    {
        var snapshot = SystemSnapshot.Read();

        Assert.True(snapshot.SoftnetDrops >= 0);
        Assert.True(snapshot.TcpTimeouts >= 0);
    }
}
