using System.Text.Json;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Cli.Tests.Diagnostics;
using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;
using Xunit;
using AsyncIoTools.Results;

namespace AsyncIoTools.Cli.Tests.Rendering;

/// <summary>
/// Every command's text and JSON from fixed objects, against golden files captured before output went through
/// one renderer: the JSON is a stable contract (README), byte for byte.
/// </summary>
public sealed class OutputGoldenTests
{
    private static readonly DotNetTarget Target = DiagnosticsSamples.Target;

    private static readonly LagFigures Figures = DiagnosticsSamples.Figures;

    private static LoadReport Load => JsonSerializer.Deserialize(GoldenFiles.Fixture("load.json"), ResultsJsonContext.Default.LoadReport)!;

    private static BenchmarkResult Bench => JsonSerializer.Deserialize(GoldenFiles.Fixture("bench.json"), ResultsJsonContext.Default.BenchmarkResult)!;

    private static LagReport Lag
    {
        get
        {
            var interval = new LagInterval(Figures) { Index = 0, StartSeconds = 0, EndSeconds = 1 };
            var summary = new LagSummary(Figures) { Seconds = 1, Intervals = 1, DroppedIntervals = 0 };
            return new LagReport(Target, summary, [interval], new LagEventCounts(100, 99, 98, 1, 0, 0, 19.9), CaptureEnd.Completed, TimeSpan.FromMilliseconds(1), "/tmp/lag.nettrace");
        }
    }

    private static BlockingReport Blocking => new(Target, 5.1, CaptureEnd.Completed, [
        new BlockingSite(BlockingKind.SyncOverAsync, "Shop.InventoryClient.GetStockSync", "System.Runtime.CompilerServices.TaskAwaiter.GetResult", 523, 7424, ["Shop.Api.Get", "Shop.InventoryClient.GetStockSync"]),
        new BlockingSite(BlockingKind.Sleep, "Shop.AuditLog.WriteSync", "System.Threading.Thread.Sleep", 40, 40, []),
    ], 6968, 42698, 7, null);

    private static HotspotsReport Hotspots => new(Target, 504, 4462, 420, [
        new AsyncMethodHotspot("SubscriptionPump.RunAsync", "Shop.SubscriptionPump", 300, new Dictionary<string, long> { ["awaiting #0"] = 300 }, new Dictionary<string, long> { ["Task.Delay"] = 300 }),
        new AsyncMethodHotspot("SessionReader.ReadAsync", "Shop.SessionReader", 120, new Dictionary<string, long> { ["awaiting #0"] = 118, ["running"] = 2 }, new Dictionary<string, long>()),
    ]);

    private static AsyncCallTraceReport Trace => new(Target, 2.5, CaptureEnd.Completed, [
        new AsyncCallTiming("Shop.Api.GetAsync", 1200, 1190, 3, 10, 0.25, 3.5, 12.75),
        new AsyncCallTiming("Shop.Db.QueryAsync", 800, 790, 0, 10, 1.5, 9, double.NaN),
    ], 4000, 3.5, 7.25);

    private static IReadOnlyList<DotNetProcess> Processes =>
    [
        new DotNetProcess(10, "shop", "10.0.12", "/srv/shop --port 80", true, null),
        new DotNetProcess(11, "batch", "?", string.Empty, false, "permission denied"),
    ];

    [Fact]
    public void Load_Text() => GoldenFiles.Check("load.txt", LoadRenderer.Render(Load));

    [Fact]
    public void Load_Json() => GoldenFiles.Check("load.json", JsonSerializer.Serialize(Load, ResultsJsonContext.Default.LoadReport) + "\n");

    [Fact]
    public void Bench_Text() => GoldenFiles.Check("bench.txt", BenchRenderer.Render(Bench, "results/20261122-064152-bench.json"));

    [Fact]
    public void Bench_Json() => GoldenFiles.Check("bench.json", JsonSerializer.Serialize(Bench, ResultsJsonContext.Default.BenchmarkResult) + "\n");

    [Fact]
    public void Lag_Json() => GoldenFiles.Check("lag.json", JsonReport.Serialize(Lag) + "\n");

    [Fact]
    public void Lag_JsonLines() => GoldenFiles.Check("lag-interval.jsonl", JsonReport.Serialize(Lag.Intervals[0], indented: false) + "\n");

    [Fact]
    public void Blocking_Json() => GoldenFiles.Check("blocking.json", JsonReport.Serialize(Blocking) + "\n");

    [Fact]
    public void Hotspots_Json() => GoldenFiles.Check("hotspots.json", JsonReport.Serialize(Hotspots) + "\n");

    [Fact]
    public void HotspotsTrace_Json() => GoldenFiles.Check("hotspots-trace.json", JsonReport.Serialize(Trace) + "\n");

    [Fact]
    public void Ps_Text() => GoldenFiles.Check("ps.txt", ProcessListTextRenderer.Render(Processes) + "\n");

    [Fact]
    public void Ps_Json() => GoldenFiles.Check("ps.json", JsonReport.Serialize(Processes) + "\n");
}
