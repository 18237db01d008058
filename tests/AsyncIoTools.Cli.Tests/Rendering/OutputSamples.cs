using AsyncIoTools.Cli.Tests.Diagnostics;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Cli.Tests.Rendering;

/// <summary>The fixed reports every renderer's golden files are written from.</summary>
internal static class OutputSamples
{
    public static LagReport Lag
    {
        get
        {
            var interval = new LagInterval(DiagnosticsSamples.Figures) { Index = 0, StartSeconds = 0, EndSeconds = 1 };
            var summary = new LagSummary(DiagnosticsSamples.Figures) { Seconds = 1, Intervals = 1, DroppedIntervals = 0 };
            return new LagReport(DiagnosticsSamples.Target, summary, [interval], new LagEventCounts(100, 99, 98, 1, 0, 0, 19.9), CaptureEnd.Completed, TimeSpan.FromMilliseconds(1), "/tmp/lag.nettrace");
        }
    }

    public static BlockingReport Blocking => new(DiagnosticsSamples.Target, 5.1, CaptureEnd.Completed, [
        new BlockingSite(BlockingKind.SyncOverAsync, "Shop.InventoryClient.GetStockSync", "System.Runtime.CompilerServices.TaskAwaiter.GetResult", 523, 7424, ["Shop.Api.Get", "Shop.InventoryClient.GetStockSync"]),
        new BlockingSite(BlockingKind.Sleep, "Shop.AuditLog.WriteSync", "System.Threading.Thread.Sleep", 40, 40, []),
    ], 6968, 42698, 7, null);

    public static HotspotsReport Hotspots => new(DiagnosticsSamples.Target, 504, 4462, 420, [
        new AsyncMethodHotspot("SubscriptionPump.RunAsync", "Shop.SubscriptionPump", 300, new Dictionary<string, long> { ["awaiting #0"] = 300 }, new Dictionary<string, long> { ["Task.Delay"] = 300 }),
        new AsyncMethodHotspot("SessionReader.ReadAsync", "Shop.SessionReader", 120, new Dictionary<string, long> { ["awaiting #0"] = 118, ["running"] = 2 }, new Dictionary<string, long>()),
    ]);

    public static Diagnosis Diagnosis => new(DiagnosticsSamples.Target, LagVerdict.Healthy, "healthy: p99 delay `2.22 ms`", Lag, Blocking, Hotspots, null);

    public static Incident Incident => new(DiagnosticsSamples.Target, new DateTimeOffset(2026, 12, 3, 12, 0, 0, TimeSpan.Zero), "p99 over 50 ms for 3 s", "lagging: `Shop.InventoryClient.GetStockSync` blocks pool threads", [], 0, Blocking, Hotspots, null, CaptureEnd.Completed)
    {
        Folder = "/tmp/incidents/20261203-120000-4242",
        TraceFile = "/tmp/incidents/20261203-120000-4242/blocking.nettrace",
        HlogFile = null,
    };
}
