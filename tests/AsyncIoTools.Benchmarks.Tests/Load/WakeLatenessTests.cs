using AsyncIoTools.Benchmarks.Load;
using Xunit;

namespace AsyncIoTools.Benchmarks.Tests.Load;

public sealed class WakeLatenessTests
{
    [Fact]
    public void TheFirstWait_IsTakenWhole_ThenEachMovesItAnEighthOfTheWay()
    {
        var lateness = new WakeLateness(1_000_000);
        Assert.Equal(0, lateness.Ticks);

        lateness.Observe(110_000);
        Assert.Equal(110_000, lateness.Ticks);

        lateness.Observe(30_000);
        Assert.Equal(100_000, lateness.Ticks);
    }

    [Fact]
    public void AWaitThatEndedEarly_CountsAsOnTime()
    {
        var lateness = new WakeLateness(1_000_000);
        lateness.Observe(80_000);
        lateness.Observe(-5_000);

        Assert.Equal(70_000, lateness.Ticks);
    }

    [Fact]
    public void AThreadKeptOffTheCpu_CountsNoMoreThanTheCap()
    {
        var lateness = new WakeLateness(1_000_000);
        lateness.Observe(50_000_000);
        Assert.Equal(1_000_000, lateness.Ticks);

        for (var i = 0; i < 100; i++)
        {
            lateness.Observe(60_000);
        }

        Assert.InRange(lateness.Ticks, 60_000, 61_000);
    }
}
