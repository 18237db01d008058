using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Cli.Tests.Diagnostics;

/// <summary>The diagnostics renderers against golden text: what people read and scripts parse must not drift.</summary>
public sealed class DiagnosticsRendererTests
{
    private static readonly DotNetTarget Target = DiagnosticsSamples.Target;

    private static readonly LagFigures Figures = DiagnosticsSamples.Figures;

    [Fact]
    public void LagRow_IsOneAlignedLine()
    {
        var interval = new LagInterval(Figures) { Index = 0, StartSeconds = 0, EndSeconds = 1 };

        Assert.Equal(
            "0-1s            1579      29 µs     138 µs    2.22 ms    3.84 ms    1.54 ms       0 µs        3       5        3  healthy",
            LagTextRenderer.Row(interval));
    }

    [Fact]
    public void LagSummary_SaysFiguresVerdictAndThreshold()
    {
        var summary = new LagSummary(Figures) { Seconds = 10, Intervals = 10, DroppedIntervals = 0 };
        var report = new LagReport(Target, summary, [], new LagEventCounts(100, 99, 98, 1, 0, 0, 19.9), CaptureEnd.Completed, TimeSpan.FromMilliseconds(1), null);

        Assert.Equal(
            """

            Summary over 10.0 s (10 intervals kept, 0 dropped for lost events):
              queued from outside the pool  1579 items   p50 29 µs   p90 138 µs   p99 2.22 ms   max 3.84 ms
              timer callbacks               0 items   p50 0 µs   p90 0 µs   p99 0 µs   max 0 µs
              all work items                2000 items   p50 25 µs   p90 120 µs   p99 1.54 ms   max 3.84 ms
              longest wait still unserved at an interval's end: 0 µs; pending at the end: 3
              events: 100 enqueued, 99 dequeued, 98 matched, 0 lost (20 events/s)
            Verdict: healthy: p99 delay 2.22 ms
            Threshold 1 ms: EXCEEDED
            """.ReplaceLineEndings("\n"),
            LagTextRenderer.Summary(report));
    }

    [Fact]
    public void LagSummary_Sampled_SaysWhichShareOfTheTimeWasFollowed()
    {
        var summary = new LagSummary(Figures with { FollowedFraction = 0.37 }) { Seconds = 10, Intervals = 10 };
        var report = new LagReport(Target, summary, [], new LagEventCounts(100, 99, 98, 1, 0, 0, 54_000), CaptureEnd.Completed, null, null);

        var lines = LagTextRenderer.Summary(report).Split('\n');

        Assert.Contains("  items followed 37% of the time, in one window per interval: the target emits more events than following all would be worth (about 0.7 µs of its CPU each); the counters cover all of it", lines);
        // Followed throughout but for the sessions' start: not sampled, nothing to say.
        Assert.DoesNotContain(LagTextRenderer.Summary(report with { Summary = new LagSummary(Figures with { FollowedFraction = 0.97 }) }).Split('\n'), l => l.Contains("followed", StringComparison.Ordinal));
    }

    [Fact]
    public void LagJson_KeepsTheDocumentedNames()
    {
        var summary = new LagSummary(Figures) { Seconds = 10, Intervals = 10 };
        var report = new LagReport(Target, summary, [], new LagEventCounts(1, 1, 1, 0, 0, 0, 1), CaptureEnd.Completed, null, null);

        var json = AsyncIoTools.Cli.Tests.Rendering.Rendered.As(OutputFormat.Json, r => r.Document(report, AsyncIoTools.Cli.Rendering.Views.LagViews.Report, live: true));

        Assert.Contains("\"summary\":{\"seconds\":10,\"intervals\":10,\"droppedIntervals\":0,\"items\":1579,\"p50Micros\":29,\"p90Micros\":138,\"p99Micros\":2220,\"maxMicros\":3840,\"oldestPendingMicros\":0", json, StringComparison.Ordinal);
        Assert.Contains("\"verdict\":\"healthy\"", json, StringComparison.Ordinal);
        Assert.Contains("\"intervals\":[]", json, StringComparison.Ordinal);
        Assert.Contains("\"end\":\"completed\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocking_ListsSitesAsATable()
    {
        var report = new BlockingReport(Target, 5.1, CaptureEnd.Completed, [
            new BlockingSite(BlockingKind.SyncOverAsync, "Shop.InventoryClient.GetStockSync", "System.Runtime.CompilerServices.TaskAwaiter.GetResult", 523, 7424, []),
            new BlockingSite(BlockingKind.Sleep, "Shop.AuditLog.WriteSync", "System.Threading.Thread.Sleep", 40, 40, []),
        ], 6968, 42698, 7, null);

        Assert.Equal(
            """
            Blocking on pool threads of process 4242 (shop), .NET 10.0.12, over 5.1 s
            (6968 wait/contention events, 42698 profiler samples, 7 pool threads seen; sleeps are counted in 1 ms samples)
            kind             method                             via                                                    count  blocked
            sync-over-async  Shop.InventoryClient.GetStockSync  System.Runtime.CompilerServices.TaskAwaiter.GetResult    523  7424.0 ms
            sleep            Shop.AuditLog.WriteSync            System.Threading.Thread.Sleep                             40    40.0 ms
            """.ReplaceLineEndings("\n"),
            BlockingTextRenderer.Render(report));
    }

    [Fact]
    public void Hotspots_ListsPendingMethodsWithStatesAndAwaits()
    {
        var report = new HotspotsReport(Target, 504, 4462, 420, [
            new AsyncMethodHotspot("SubscriptionPump.RunAsync", "Shop.SubscriptionPump", 300, new Dictionary<string, long> { ["awaiting #0"] = 300 }, new Dictionary<string, long> { ["Task.Delay"] = 300 }),
            new AsyncMethodHotspot("SessionReader.ReadAsync", "Shop.SessionReader", 120, new Dictionary<string, long> { ["awaiting #0"] = 118, ["running"] = 2 }, new Dictionary<string, long>()),
        ]);

        Assert.Equal(
            """
            Pending async calls in process 4242 (shop), .NET 10.0.12: 420 in all
            (heap snapshot: 4462 objects walked, target paused 504 ms)
            pending  method                     states                        awaiting         declaring type
            300      SubscriptionPump.RunAsync  awaiting #0 ×300              Task.Delay ×300  Shop.SubscriptionPump
            120      SessionReader.ReadAsync    awaiting #0 ×118, running ×2  -                Shop.SessionReader
            """.ReplaceLineEndings("\n"),
            HotspotsTextRenderer.Render(report));
    }

    [Fact]
    public void ProcessList_ExplainsWhatCannotBeAttached()
    {
        var text = ProcessListTextRenderer.Render([
            new DotNetProcess(10, "shop", "10.0.12", "/srv/shop --port 80", true, null),
            new DotNetProcess(11, "batch", "?", string.Empty, false, "permission denied"),
        ]);

        Assert.Equal(
            """
            pid  name   runtime  command line
            10   shop   10.0.12  /srv/shop --port 80
            11   batch  ?        (cannot attach: permission denied)
            """.ReplaceLineEndings("\n"),
            text);
    }
}
