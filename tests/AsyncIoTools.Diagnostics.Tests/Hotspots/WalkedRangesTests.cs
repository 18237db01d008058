using AsyncIoTools.Diagnostics.Hotspots;

namespace AsyncIoTools.Diagnostics.Tests.Hotspots;

public sealed class WalkedRangesTests
{
    [Fact]
    public void Contains_RangesAddedOutOfOrder_FindsAddressesInsideEachAndNoneBetweenOrAtTheirEnds()
    {
        var walked = new WalkedRanges();
        walked.Add(0x5000, 0x6000);
        walked.Add(0x1000, 0x2000);
        walked.Add(0x3000, 0x3000);

        Assert.True(walked.Contains(0x1000));
        Assert.True(walked.Contains(0x1ff8));
        Assert.True(walked.Contains(0x5800));
        Assert.False(walked.Contains(0x2000));
        Assert.False(walked.Contains(0x3000));
        Assert.False(walked.Contains(0x0ff8));
        Assert.False(walked.Contains(0x6000));
        Assert.False(walked.Contains(0x9000));
    }

    [Fact]
    public void Contains_NothingWalked_FindsNothing()
    {
        Assert.False(new WalkedRanges().Contains(0x1000));
    }
}
