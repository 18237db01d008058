using AsyncIoTools.Diagnostics.EventPipe;

namespace AsyncIoTools.Diagnostics.Tests.EventPipe;

public sealed class SessionSamplingTests
{
    private const long Ms = 1_000_000;
    private const long Second = 1_000 * Ms;

    [Fact]
    public void Next_BeforeAnyWindow_FollowsThroughoutFromNow()
    {
        var sampling = new SessionSampling(0, TimeSpan.FromSeconds(1), 20_000, new Random(1));

        Assert.Equal((250 * Ms, (long?)null), sampling.Next(250 * Ms));
        Assert.Equal(1.0, sampling.Fraction);
    }

    [Fact]
    public void Next_UnderTheBudget_KeepsFollowingThroughout()
    {
        var sampling = new SessionSampling(0, TimeSpan.FromSeconds(1), 20_000, new Random(1));
        sampling.Observed(19_000, Second);

        Assert.Null(sampling.Next(3 * Second).LengthNanos);
    }

    [Fact]
    public void Next_OverTheBudget_OneWindowOfTheBudgetsShareSomewhereInTheNextInterval()
    {
        var sampling = new SessionSampling(0, TimeSpan.FromSeconds(1), 20_000, new Random(7));
        sampling.Observed(50_000, Second / 2);

        Assert.Equal(0.2, sampling.Fraction, 6);
        var opens = new List<long>();
        for (var i = 0; i < 200; i++)
        {
            var (opensAt, length) = sampling.Next((2 * Second) + (300 * Ms));
            Assert.Equal(200 * Ms, length);
            Assert.InRange(opensAt, 3 * Second, (3 * Second) + (800 * Ms));
            opens.Add(opensAt);
        }

        // Placed at random, not always at the same phase of the interval.
        Assert.True(opens.Max() - opens.Min() > 400 * Ms, $"windows opened within {(opens.Max() - opens.Min()) / Ms} ms of each other");
    }

    [Fact]
    public void Next_FarOverTheBudget_NeverShorterThanTheShortestWindow()
    {
        var sampling = new SessionSampling(0, TimeSpan.FromSeconds(1), 20_000, new Random(1));
        sampling.Observed(10_000_000, Second);

        Assert.Equal((long)SessionSampling.MinWindow.TotalNanoseconds, sampling.Next(0).LengthNanos);
    }

    [Fact]
    public void Next_WhenTheRateFallsBack_FollowsThroughoutAgain()
    {
        var sampling = new SessionSampling(0, TimeSpan.FromSeconds(1), 20_000, new Random(1));
        sampling.Observed(40_000, Second);
        Assert.NotNull(sampling.Next(Second).LengthNanos);

        sampling.Observed(1_000, 400 * Ms);

        Assert.Null(sampling.Next(2 * Second).LengthNanos);
    }

    [Theory]
    [InlineData(150, 100_000, false)] // far over, but too short a stretch to judge
    [InlineData(240, 7_500, true)] // the first judgement, a timer a little early: 31,250/s
    [InlineData(1_000, 30_000, true)]
    [InlineData(2_000, 44_000, false)] // 22,000/s: over the budget, within the hysteresis
    [InlineData(2_000, 52_000, true)]
    public void OverBudget_NeedsAStretchAndAMarginOverTheBudget(long millis, long events, bool expected)
    {
        var sampling = new SessionSampling(0, TimeSpan.FromSeconds(1), 20_000, new Random(1));

        Assert.Equal(expected, sampling.OverBudget(events, millis * Ms));
    }

    [Fact]
    public void Constructor_RejectsANonPositiveBudgetOrInterval()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionSampling(0, TimeSpan.FromSeconds(1), 0, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SessionSampling(0, TimeSpan.Zero, 20_000, new Random(1)));
    }
}
