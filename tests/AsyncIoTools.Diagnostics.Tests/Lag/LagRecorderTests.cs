using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Tests.Lag;

public sealed class LagRecorderTests
{
    private const long Ms = 1_000_000;
    private const int Timer = 100;
    private const int Worker = 7;

    [Fact]
    public void Events_CrossingIntervalEnds_CloseIntervalsByEventTime()
    {
        var closed = new List<LagInterval>();
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, new ListProgress(closed));

        recorder.OnEnqueue(1, 100 * Ms, Timer);
        recorder.OnDequeue(1, 102 * Ms, Worker);
        recorder.OnEnqueue(2, 1_500 * Ms, Timer);
        recorder.OnDequeue(2, 1_520 * Ms, Worker);
        recorder.AdvanceClock(2_000 * Ms);

        Assert.Equal(2, closed.Count);
        Assert.Equal(1, closed[0].Items);
        Assert.InRange(closed[0].P99Micros, 1_980, 2_020);
        Assert.InRange(closed[1].P99Micros, 19_800, 20_200);
        Assert.Equal(LagVerdict.Healthy, closed[0].Verdict);
        Assert.Equal(LagVerdict.Lagging, closed[1].Verdict);
    }

    [Fact]
    public void Finish_MergesIntervalsIntoOneSummary()
    {
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, null);
        for (var i = 0; i < 100; i++)
        {
            var at = i * 25 * Ms;
            recorder.OnEnqueue(i, at, Timer);
            recorder.OnDequeue(i, at + ((i + 1) * 10_000), Worker);
        }

        var (summary, events) = recorder.Finish(2_500 * Ms);

        Assert.Equal(100, summary.Items);
        Assert.Equal(3, summary.Intervals);
        Assert.InRange(summary.MaxMicros, 990, 1_010);
        Assert.Equal(100, events.Matched);
        Assert.Equal(200, events.Enqueues + events.Dequeues);
    }

    [Fact]
    public void Close_WhenEventsWereLost_DropsTheIntervalFromTheSummary()
    {
        long lost = 0;
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => lost, null);
        recorder.OnEnqueue(1, 100 * Ms, Timer);
        recorder.OnDequeue(1, 900 * Ms, Worker);
        lost = 5;
        recorder.OnEnqueue(2, 1_100 * Ms, Timer);
        recorder.OnDequeue(2, 1_101 * Ms, Worker);

        var (summary, _) = recorder.Finish(2_000 * Ms);

        Assert.True(recorder.Intervals[0].Dropped);
        Assert.Equal(5, recorder.Intervals[0].LostEvents);
        Assert.False(recorder.Intervals[1].Dropped);
        Assert.Equal(1, summary.DroppedIntervals);
        Assert.Equal(1, summary.Items);
        Assert.True(summary.P99Micros < 10_000);
    }

    [Fact]
    public void Intervals_WhileAnItemWaits_ReportItsGrowingAgeAndStarvation()
    {
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, null);
        recorder.OnEnqueue(1, 50 * Ms, Timer);
        recorder.AdvanceClock(3_000 * Ms);

        var ages = recorder.Intervals.Select(i => i.OldestPendingMicros).ToList();

        Assert.Equal([950_000L, 1_950_000L, 2_950_000L], ages);
        Assert.Equal(LagVerdict.Lagging, recorder.Intervals[0].Verdict);
        Assert.Equal(LagVerdict.Starved, recorder.Intervals[2].Verdict);
    }

    [Fact]
    public void OnCounter_RuntimeCounters_AppearInTheNextInterval()
    {
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, null);
        recorder.OnCounter("threadpool-queue-length", 12, 100 * Ms);
        recorder.OnCounter("threadpool-thread-count", 4, 100 * Ms);
        recorder.AdvanceClock(1_000 * Ms);

        Assert.Equal(12, recorder.Intervals[0].QueueLength);
        Assert.Equal(4, recorder.Intervals[0].ThreadCount);
    }

    [Fact]
    public void Intervals_QueuedWorkButNoEventsAtAll_SayStarvedFromTheCounters()
    {
        // A pool already starved when the session starts emits no enqueue/dequeue events: only the counters speak.
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, null);
        recorder.OnCounter("threadpool-queue-length", 250, 300 * Ms);
        recorder.OnCounter("threadpool-queue-length", 480, 1_300 * Ms);
        recorder.OnCounter("threadpool-queue-length", 700, 2_300 * Ms);

        var (summary, _) = recorder.Finish(3_000 * Ms);

        Assert.Equal(LagVerdict.Starved, summary.Verdict);
        Assert.Equal(2_700_000, summary.NothingServedMicros);
        Assert.Equal("starved: 700 items queued and none served for 2.7 s (every pool thread is blocked)", summary.VerdictText);
    }

    [Fact]
    public void Intervals_QueuedWorkThatIsThenServed_IsNotStarved()
    {
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, null);
        recorder.OnCounter("threadpool-queue-length", 3, 100 * Ms);
        recorder.OnEnqueue(1, 150 * Ms, Timer);
        recorder.OnDequeue(1, 151 * Ms, Worker);
        recorder.OnCounter("threadpool-queue-length", 0, 1_100 * Ms);

        var (summary, _) = recorder.Finish(3_000 * Ms);

        Assert.Equal(0, summary.NothingServedMicros);
        Assert.Equal(LagVerdict.Healthy, summary.Verdict);
    }

    [Fact]
    public void Counters_PeriodsThatCompleteNothing_WithWorkQueued_SayStarvedEvenWithDequeues()
    {
        // Blocked threads may still dequeue an item each (and block on it): the counters' completions tell.
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, null);
        recorder.OnCounter("threadpool-queue-length", 40, 1_000 * Ms);
        recorder.OnCounter("threadpool-completed-items-count", 900, 1_000 * Ms);
        recorder.OnCounter("threadpool-queue-length", 500, 2_000 * Ms);
        recorder.OnCounter("threadpool-completed-items-count", 0, 2_000 * Ms);
        recorder.OnDequeue(9, 2_150 * Ms, Worker);
        recorder.OnCounter("threadpool-queue-length", 900, 3_000 * Ms);
        recorder.OnCounter("threadpool-completed-items-count", 0, 3_000 * Ms);

        var (summary, _) = recorder.Finish(3_500 * Ms);

        Assert.Equal(LagVerdict.Starved, summary.Verdict);
        Assert.Equal(2_000_000, summary.NothingServedMicros);
    }

    [Fact]
    public void Counters_QueueOverCompletionRate_IsTheMeanWait()
    {
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, null);
        recorder.OnCounter("threadpool-queue-length", 100, 1_000 * Ms);
        recorder.OnCounter("threadpool-completed-items-count", 50, 1_000 * Ms);
        recorder.OnCounter("threadpool-queue-length", 300, 2_000 * Ms);
        recorder.OnCounter("threadpool-completed-items-count", 100, 2_000 * Ms);

        var (summary, _) = recorder.Finish(2_500 * Ms);

        // (100 + 300) / 2 queued, 100 completed per second: two seconds' wait.
        Assert.Equal(2_000_000, summary.QueueWaitMicros);
    }

    [Fact]
    public void Counters_MeanWait_DoesNotOverruleTheEvents()
    {
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, null);
        recorder.OnCounter("threadpool-queue-length", 100, 1_000 * Ms);
        recorder.OnCounter("threadpool-completed-items-count", 50, 1_000 * Ms);
        recorder.OnEnqueue(1, 1_100 * Ms, Timer);
        recorder.OnDequeue(1, 1_101 * Ms, Worker);
        recorder.OnCounter("threadpool-completed-items-count", 100, 2_000 * Ms);
        recorder.OnCounter("threadpool-queue-length", 300, 2_000 * Ms);

        var (summary, _) = recorder.Finish(2_500 * Ms);

        Assert.Equal(LagVerdict.Healthy, summary.Verdict);
    }

    [Fact]
    public void Windows_EachIntervalSaysWhichShareWasFollowed_AndEventsPerSecondAreOfTheFollowedTime()
    {
        var closed = new List<LagInterval>();
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, new ListProgress(closed));
        recorder.OpenWindow(200 * Ms);
        recorder.OnEnqueue(1, 300 * Ms, Timer);
        recorder.OnDequeue(1, 301 * Ms, Worker);
        recorder.OnEnqueue(2, 600 * Ms, Timer);
        recorder.OnDequeue(2, 600 * Ms, Worker);
        recorder.CloseWindow(650 * Ms);

        // A window across an interval's end: 200 ms in the first interval, 300 ms in the second.
        recorder.OpenWindow(1_800 * Ms);
        recorder.OnEnqueue(3, 2_100 * Ms, Timer);
        recorder.OnDequeue(3, 2_300 * Ms, Worker);
        recorder.CloseWindow(2_300 * Ms);

        var (summary, events) = recorder.Finish(3_000 * Ms);

        Assert.Equal([0.4, 0.2, 0.3], closed.Select(i => Math.Round(i.FollowedFraction, 3)));
        Assert.Equal(0.3, summary.FollowedFraction, 3);
        Assert.Equal(3, summary.Items);
        Assert.Equal(6 / 0.9, events.EventsPerSecond, 3);
    }

    [Fact]
    public void Windows_WhatStillWaitsAtAWindowsEnd_IsAgedToItsLastEventThenForgotten()
    {
        var closed = new List<LagInterval>();
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, new ListProgress(closed));
        recorder.OpenWindow(100 * Ms);
        recorder.OnEnqueue(1, 300 * Ms, Timer);
        recorder.OnEnqueue(2, 500 * Ms, Timer + 1);
        recorder.OnDequeue(2, 500 * Ms, Worker);

        // The stop request returned at 700 ms; the runtime had stopped writing by then, after the event at 500 ms.
        recorder.CloseWindow(700 * Ms);
        recorder.OpenWindow(1_100 * Ms);
        recorder.OnDequeue(1, 1_200 * Ms, Worker);
        recorder.CloseWindow(1_300 * Ms);

        var (summary, events) = recorder.Finish(2_000 * Ms);

        Assert.Equal(200_000, closed[0].OldestPendingMicros);
        Assert.Equal(0, closed[1].OldestPendingMicros);
        Assert.Equal(1, summary.Items);
        Assert.Equal(0, summary.MaxMicros);
        Assert.Equal(1, events.UnmatchedDequeues);
        Assert.Equal(1, events.Forgotten);
    }

    [Fact]
    public void Windows_NeverOpened_MeansEveryItemWasFollowed()
    {
        var recorder = new LagRecorder(0, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), () => 0, null);
        recorder.OnEnqueue(1, 300 * Ms, Timer);
        recorder.OnDequeue(1, 301 * Ms, Worker);

        var (summary, events) = recorder.Finish(2_000 * Ms);

        Assert.Equal(1.0, summary.FollowedFraction);
        Assert.Equal(1.0, events.EventsPerSecond, 6);
    }

    private sealed class ListProgress(List<LagInterval> list) : IProgress<LagInterval>
    {
        public void Report(LagInterval value) => list.Add(value);
    }
}
