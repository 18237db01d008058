using System.Diagnostics;
using AsyncIoTools.Benchmarks.Load;

namespace AsyncIoTools.Benchmarks.Tests.Load;

public sealed class RequestScheduleTests
{
    [Fact]
    public void IntervalTicks_IsOneSecondOverTheRate_AndZeroForAClosedLoop()
    {
        Assert.Equal(Stopwatch.Frequency / 100, RequestSchedule.IntervalTicks(100));
        Assert.Equal(0, RequestSchedule.IntervalTicks(0));
    }

    [Fact]
    public void FirstDueTicks_SpreadsTheConnectionsOverOneInterval()
    {
        var due = Enumerable.Range(0, 4).Select(i => RequestSchedule.FirstDueTicks(1_000, 400, i, 4)).ToArray();

        Assert.Equal([1_000, 1_100, 1_200, 1_300], due);
    }

    [Fact]
    public void FirstDueTicks_InAClosedLoop_IsTheStartForEveryConnection()
    {
        Assert.All(Enumerable.Range(0, 3), i => Assert.Equal(1_000, RequestSchedule.FirstDueTicks(1_000, 0, i, 3)));
        Assert.Equal(1_000, RequestSchedule.FirstDueTicks(1_000, 400, 0, 0));
    }

    [Theory]
    [InlineData(0.0, 0, true)]
    [InlineData(0.099, 0, true)]
    [InlineData(0.1, 0, false)] // closed at a timeout, not refused
    [InlineData(0.01, 1, false)] // closed after an answer: connection churn, or the server's keep-alive limit
    public void ClosedAtOnce_IsAConnectionClosedBeforeAnyAnswerWithinATenthOfASecond(double openSeconds, int answered, bool refused)
    {
        Assert.Equal(refused, RequestSchedule.ClosedAtOnce((long)(openSeconds * Stopwatch.Frequency), answered));
    }

    [Theory]
    [InlineData(1, 20)]
    [InlineData(2, 40)]
    [InlineData(6, 640)]
    [InlineData(7, 1000)]
    [InlineData(50, 1000)]
    public void ConnectRetryDelay_DoublesUpToOneSecond(int failures, int milliseconds)
    {
        Assert.Equal(milliseconds * Stopwatch.Frequency / 1000, RequestSchedule.ConnectRetryDelayTicks(failures));
    }

    [Fact]
    public void WaitTimeout_IsTheEarliestOfScanSendAndRetry_NeverNegative()
    {
        var ms = Stopwatch.Frequency / 1000;

        Assert.Equal(TimeSpan.FromMilliseconds(100), RequestSchedule.WaitTimeout(0, 100 * ms, null, 0, null));
        Assert.Equal(TimeSpan.FromMilliseconds(30), RequestSchedule.WaitTimeout(0, 100 * ms, 40 * ms, 10 * ms, null));
        Assert.Equal(TimeSpan.FromMilliseconds(5), RequestSchedule.WaitTimeout(0, 100 * ms, 40 * ms, 10 * ms, 5 * ms));
        Assert.Equal(TimeSpan.Zero, RequestSchedule.WaitTimeout(50 * ms, 100 * ms, 40 * ms, 10 * ms, null));
    }

    [Fact]
    public void WaitTimeout_PollsAroundAnExpectedAnswer_AndSleepsThroughOneLongOverdue()
    {
        var ms = Stopwatch.Frequency / 1000;

        // Expected in 40 ms: sleep until 10 ms before it.
        Assert.Equal(TimeSpan.FromMilliseconds(30), RequestSchedule.WaitTimeout(0, 100 * ms, null, 10 * ms, null, 40 * ms));
        // Within 10 ms either side of it: poll.
        Assert.Equal(TimeSpan.Zero, RequestSchedule.WaitTimeout(35 * ms, 100 * ms, null, 10 * ms, null, 40 * ms));
        Assert.Equal(TimeSpan.Zero, RequestSchedule.WaitTimeout(45 * ms, 100 * ms, null, 10 * ms, null, 40 * ms));
        // More than 10 ms overdue: back to sleep until the next scan.
        Assert.Equal(TimeSpan.FromMilliseconds(100), RequestSchedule.WaitTimeout(55 * ms, 100 * ms, null, 10 * ms, null, 40 * ms));
    }

    [Fact]
    public void WaitTimeout_EndsAsMuchEarlierAsWaitsEndLate_BeforeASendOrAnExpectedAnswer_NotBeforeAScanOrRetry()
    {
        var ms = Stopwatch.Frequency / 1000;

        // A send due in 40 ms, polled for from 10 ms before, waits ending 3 ms late: sleep 27 ms.
        Assert.Equal(TimeSpan.FromMilliseconds(27), RequestSchedule.WaitTimeout(0, 100 * ms, 40 * ms, 10 * ms, null, null, 3 * ms));
        // An answer expected in 40 ms: the same.
        Assert.Equal(TimeSpan.FromMilliseconds(27), RequestSchedule.WaitTimeout(0, 100 * ms, null, 10 * ms, null, 40 * ms, 3 * ms));
        // Within reach of the polling once the lateness is counted: poll now.
        Assert.Equal(TimeSpan.Zero, RequestSchedule.WaitTimeout(28 * ms, 100 * ms, null, 10 * ms, null, 40 * ms, 3 * ms));
        // The next scan and a connect retry are not polled for: their waits are not shortened.
        Assert.Equal(TimeSpan.FromMilliseconds(100), RequestSchedule.WaitTimeout(0, 100 * ms, null, 10 * ms, null, null, 3 * ms));
        Assert.Equal(TimeSpan.FromMilliseconds(5), RequestSchedule.WaitTimeout(0, 100 * ms, null, 10 * ms, 5 * ms, null, 3 * ms));
    }
}
