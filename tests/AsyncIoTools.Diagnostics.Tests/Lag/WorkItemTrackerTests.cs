using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Tests.Lag;

public sealed class WorkItemTrackerTests
{
    private const long Ms = 1_000_000;
    private const int Timer = 100;
    private const int Worker = 7;

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
        const int requestSource = 200;
        tracker.OnEnqueue(1, 0, Timer);
        tracker.OnDequeue(1, 1 * Ms, Worker);
        tracker.OnEnqueue(2, 0, requestSource);
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

    [Fact]
    public void Inspect_LaterItemOfTheSameSourceServed_ForgetsTheOlderOne()
    {
        var tracker = new WorkItemTracker(60_000 * Ms);
        tracker.OnEnqueue(1, 0, Timer);
        tracker.OnEnqueue(2, 500 * Ms, Timer);
        tracker.OnDequeue(2, 501 * Ms, Worker);

        var (oldest, pending) = tracker.Inspect(1_000 * Ms);

        Assert.Equal(0, oldest);
        Assert.Equal(0, pending);
        Assert.Equal(1, tracker.Forgotten);
    }

    [Fact]
    public void Inspect_LaterItemOfAnotherSourceServed_KeepsTheWaitingOne()
    {
        // The timer thread feeds the high-priority queue: its items overtaking a request's prove nothing.
        var tracker = new WorkItemTracker(60_000 * Ms);
        const int requestSource = 200;
        tracker.OnEnqueue(1, 0, requestSource);
        tracker.OnEnqueue(2, 500 * Ms, Timer);
        tracker.OnDequeue(2, 501 * Ms, Worker);

        var (oldest, pending) = tracker.Inspect(1_000 * Ms);

        Assert.Equal(1_000 * Ms, oldest);
        Assert.Equal(1, pending);
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
