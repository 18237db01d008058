using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Tests.Lag;

public sealed class WorkItemTrackerTests
{
    private const long Ms = 1_000_000;
    private const int Timer = 100;
    private const int Worker = 7;
    private const int RequestSource = 200;

    [Fact]
    public void OnDequeue_AfterEnqueueFromOutsideThePool_RecordsDelayAsExternal()
    {
        var tracker = new WorkItemTracker(60_000 * Ms);
        tracker.OnEnqueue(1, 10 * Ms, Timer);
        tracker.OnDequeue(1, 13 * Ms, Worker);

        Assert.Equal(1, tracker.External.TotalCount);
        Assert.Equal(1, tracker.All.TotalCount);
        Assert.InRange(tracker.External.ValueAtPercentile(50), 2_970_000, 3_030_000);
        Assert.Equal(1, tracker.Matched);
    }

    [Fact]
    public void OnEnqueue_FromAThreadThatHasDequeued_CountsOnlyInAll()
    {
        var tracker = new WorkItemTracker(60_000 * Ms);
        tracker.OnEnqueue(1, 0, Timer);
        tracker.OnDequeue(1, 1 * Ms, Worker);
        tracker.OnEnqueue(2, 2 * Ms, Worker);
        tracker.OnDequeue(2, 5 * Ms, Worker);

        Assert.Equal(1, tracker.External.TotalCount);
        Assert.Equal(2, tracker.All.TotalCount);
    }

    [Fact]
    public void OnDequeue_ItemFromTheTimerThread_CountsAsATimerNotInTheHeadline()
    {
        var tracker = new WorkItemTracker(60_000 * Ms, tid => tid == Timer);
        tracker.OnEnqueue(1, 0, Timer);
        tracker.OnDequeue(1, 1 * Ms, Worker);
        tracker.OnEnqueue(2, 0, RequestSource);
        tracker.OnDequeue(2, 5 * Ms, Worker);

        Assert.Equal(1, tracker.Timers.TotalCount);
        Assert.Equal(1, tracker.External.TotalCount);
        Assert.Equal(2, tracker.All.TotalCount);
        Assert.InRange(tracker.External.Max, 4_990_000, 5_010_000);
    }

    [Fact]
    public void OnDequeue_WithoutEnqueue_IsCountedAsUnmatched()
    {
        var tracker = new WorkItemTracker(60_000 * Ms);
        tracker.OnDequeue(42, 5 * Ms, Worker);

        Assert.Equal(1, tracker.UnmatchedDequeues);
        Assert.Equal(0, tracker.All.TotalCount);
    }

    [Fact]
    public void Inspect_ItemStillQueued_ReportsItsAge()
    {
        var tracker = new WorkItemTracker(60_000 * Ms);
        tracker.OnEnqueue(1, 100 * Ms, Timer);
        tracker.OnEnqueue(2, 400 * Ms, Timer);

        var (oldest, pending) = tracker.Inspect(1_000 * Ms);

        Assert.Equal(900 * Ms, oldest);
        Assert.Equal(2, pending);
    }

    /// <summary>
    /// A later item served means the older one of the same source was served too (its dequeue was missed); not so for
    /// another source: the timer thread feeds the high-priority queue, and its items overtaking a request's prove nothing.
    /// </summary>
    [Theory]
    [InlineData(Timer, 0, 0, 1)]
    [InlineData(RequestSource, 1_000, 1, 0)]
    public void Inspect_LaterItemOfTheTimerServed_ForgetsAnOlderItemOnlyOfTheSameSource(int olderSource, long oldestMs, int pendingLeft, long forgotten)
    {
        var tracker = new WorkItemTracker(60_000 * Ms);
        tracker.OnEnqueue(1, 0, olderSource);
        tracker.OnEnqueue(2, 500 * Ms, Timer);
        tracker.OnDequeue(2, 501 * Ms, Worker);

        var (oldest, pending) = tracker.Inspect(1_000 * Ms);

        Assert.Equal(oldestMs * Ms, oldest);
        Assert.Equal(pendingLeft, pending);
        Assert.Equal(forgotten, tracker.Forgotten);
    }

    [Fact]
    public void Inspect_ItemOlderThanTheExpiry_IsForgotten()
    {
        var tracker = new WorkItemTracker(5_000 * Ms);
        tracker.OnEnqueue(1, 0, Worker);

        var (_, pending) = tracker.Inspect(6_000 * Ms);

        Assert.Equal(0, pending);
        Assert.Equal(1, tracker.Forgotten);
    }

    [Fact]
    public void Inspect_ItemQueuedAfterTheInstant_IsNotYetPending()
    {
        var tracker = new WorkItemTracker(60_000 * Ms);
        tracker.OnEnqueue(1, 2_000 * Ms, Timer);

        var (oldest, pending) = tracker.Inspect(1_000 * Ms);

        Assert.Equal(0, oldest);
        Assert.Equal(0, pending);
    }
}
