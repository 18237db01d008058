using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Tests.Incidents;

/// <summary>The watch's rules on made-up intervals: each fires on what it says and only then.</summary>
public sealed class WatchTriggerTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void P99Rule_FiresOnlyWhenEveryIntervalOfTheWindowIsOver()
    {
        var rules = new WatchRules { P99Over = TimeSpan.FromMilliseconds(50), For = TimeSpan.FromSeconds(3), OldestOver = TimeSpan.Zero };
        Assert.Null(WatchTrigger.Check(rules, Second, [Interval(80_000), Interval(80_000)]));
        Assert.Null(WatchTrigger.Check(rules, Second, [Interval(80_000), Interval(20_000), Interval(80_000)]));
        var fired = WatchTrigger.Check(rules, Second, [Interval(1_000), Interval(80_000), Interval(90_000), Interval(1_200_000)]);
        Assert.Equal("p99 over 50 ms for 3 s (80 ms, 90 ms, 1.2 s)", fired);
    }

    [Fact]
    public void OldestRule_FiresAtOnce_EvenWhenNothingIsServed()
    {
        var rules = new WatchRules { OldestOver = Second };
        Assert.Null(WatchTrigger.Check(rules, Second, [Interval(100, oldest: 900_000)]));
        Assert.Equal("oldest waiting item over 1 s: 1.5 s", WatchTrigger.Check(rules, Second, [Interval(0, items: 0, nothingServed: 1_500_000)]));
    }

    [Fact]
    public void ThreadsRule_FiresOnAClimbWithinTheWindow()
    {
        var rules = new WatchRules { P99Over = TimeSpan.Zero, OldestOver = TimeSpan.Zero, ThreadsClimb = 10, For = TimeSpan.FromSeconds(3) };
        Assert.Null(WatchTrigger.Check(rules, Second, [Interval(100, threads: 8), Interval(100, threads: 12), Interval(100, threads: 17)]));
        Assert.Equal("pool threads climbing by 10 or more in 3 s (8 to 19)", WatchTrigger.Check(rules, Second, [Interval(100, threads: 8), Interval(100, threads: 12), Interval(100, threads: 19)]));
    }

    [Fact]
    public void Headline_NamesTheTopBlockingMethod_AndWherePendingCallsPileUp()
    {
        var lag = Interval(95_000) with { Verdict = LagVerdict.Lagging };
        var blocking = new AsyncIoTools.Diagnostics.Blocking.BlockingReport(
            new AsyncIoTools.Diagnostics.Targets.DotNetTarget(1, "svc", "/tmp/x", new AsyncIoTools.Diagnostics.Targets.RuntimeInfo(1, "svc", "Linux", "x64", "svc", "10.0.0")),
            5,
            AsyncIoTools.Diagnostics.EventPipe.CaptureEnd.Completed,
            [new(AsyncIoTools.Diagnostics.Blocking.BlockingKind.SyncOverAsync, "Service.Load", "TaskAwaiter.GetResult", 10, 830, []), new(AsyncIoTools.Diagnostics.Blocking.BlockingKind.Sleep, "Audit.Write", "Thread.Sleep", 10, 170, [])],
            10,
            10,
            4,
            null);
        var hotspots = new AsyncIoTools.Diagnostics.Hotspots.HotspotsReport(blocking.Target, 3, 1000, 1332, [new("HandleRequestAsync", "Handler", 1332, new Dictionary<string, long>(), new Dictionary<string, long>())]);
        Assert.Equal("lagging: p99 95 ms; cause: sync-over-async in `Service.Load` (83% of blocked time), 1,332 calls pending in `Handler.HandleRequestAsync`", DiagnosisHeadline.Of(lag, blocking, hotspots));
    }

    private static LagInterval Interval(long p99, long items = 100, long oldest = 0, long nothingServed = 0, double? threads = null) =>
        new(new LagFigures { Items = items, P99Micros = p99, OldestPendingMicros = oldest, NothingServedMicros = nothingServed, ThreadCount = threads });
}
