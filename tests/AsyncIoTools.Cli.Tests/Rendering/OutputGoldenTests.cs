using System.Text.Json;
using System.Text.Json.Nodes;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Cli.Tests.Diagnostics;
using AsyncIoTools.Diagnostics.Fleet;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Results;
using Xunit;

namespace AsyncIoTools.Cli.Tests.Rendering;

/// <summary>
/// Every command's output in every format it has, from fixed objects through the renderer the host would choose,
/// against golden files. The text and JSON files were captured before output went through one renderer and must
/// stay byte for byte (the JSON is a stable contract, README); the markdown and CSV files came with the renderer.
/// </summary>
public sealed class OutputGoldenTests
{
    private const string ResultPath = "results/20261122-064152-bench.json";

    private static LoadReport Load => JsonSerializer.Deserialize(GoldenFiles.Fixture("load.json"), ResultsJsonContext.Default.LoadReport)!;

    private static BenchmarkResult Bench => JsonSerializer.Deserialize(GoldenFiles.Fixture("bench.json"), ResultsJsonContext.Default.BenchmarkResult)!;

    private static AsyncCallTraceReport Trace => new(DiagnosticsSamples.Target, 2.5, AsyncIoTools.Diagnostics.EventPipe.CaptureEnd.Completed, [
        new AsyncCallTiming("Shop.Api.GetAsync", 1200, 1190, 3, 10, 0.25, 3.5, 12.75),
        new AsyncCallTiming("Shop.Db.QueryAsync", 800, 790, 0, 10, 1.5, 9, double.NaN),
    ], 4000, 3.5, 7.25);

    private static IReadOnlyList<DotNetProcess> Processes =>
    [
        new DotNetProcess(10, "shop", "10.0.12", "/srv/shop --port 80", true, null),
        new DotNetProcess(11, "batch", "?", string.Empty, false, "permission denied"),
    ];

    private static IReadOnlyList<EngineVariantInfo> Engines =>
    [
        new EngineVariantInfo("epoll", "level", true, null, "epoll_wait, level-triggered", true),
        new EngineVariantInfo("iouring", "sqpoll", false, "SQPOLL needs CAP_SYS_NICE", "a kernel thread polls the submission queue", false),
    ];

    [Theory]
    [InlineData(OutputFormat.Text, "load.txt")]
    [InlineData(OutputFormat.Json, "load.json")]
    [InlineData(OutputFormat.Markdown, "load.md")]
    [InlineData(OutputFormat.Csv, "load.csv")]
    public void Load_(OutputFormat format, string golden) => GoldenFiles.Check(golden, Rendered.Document(format, Load, LoadViews.Report));

    [Theory]
    [InlineData(OutputFormat.Text, "bench.txt")]
    [InlineData(OutputFormat.Json, "bench.json")]
    [InlineData(OutputFormat.Markdown, "bench.md")]
    [InlineData(OutputFormat.Csv, "bench.csv")]
    public void Bench_(OutputFormat format, string golden) => GoldenFiles.Check(golden, Rendered.Document(format, Bench, BenchViews.Result(ResultPath)));

    [Theory]
    [InlineData(OutputFormat.Json, "lag.json")]
    [InlineData(OutputFormat.Markdown, "lag.md")]
    [InlineData(OutputFormat.Csv, "lag.csv")]
    public void Lag_Session(OutputFormat format, string golden) => GoldenFiles.Check(golden, Rendered.As(format, LagSession(live: false)));

    [Fact]
    public void Lag_JsonLines() => GoldenFiles.Check("lag-interval.jsonl", Rendered.As(OutputFormat.Json, r => r.Row(OutputSamples.Lag.Intervals[0], LagViews.Interval, live: true)));

    [Fact]
    public void Lag_Text_HeaderRowsSummary()
    {
        var text = Rendered.As(OutputFormat.Text, LagSession(live: false));

        Assert.Equal(
            LagTextRenderer.Header(Header) + "\n" + LagTextRenderer.Row(OutputSamples.Lag.Intervals[0]) + "\n" + LagTextRenderer.Summary(OutputSamples.Lag) + "\n",
            text);
    }

    [Fact]
    public void Lag_WatchJson_IsOneLinePerIntervalThenTheReportOnALine()
    {
        var lines = Rendered.As(OutputFormat.Json, LagSession(live: true)).TrimEnd('\n').Split('\n');

        Assert.Equal(2, lines.Length);
        Assert.Equal(GoldenFiles.Read("lag-interval.jsonl").TrimEnd('\n'), lines[0]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(GoldenFiles.Read("lag.json")), JsonNode.Parse(lines[1])), lines[1]);
    }

    [Fact]
    public void LagFleet_JsonLine() => GoldenFiles.Check("lag-fleet-interval.jsonl", Rendered.As(OutputFormat.Json, r => r.Row(new LagProcessInterval(4242, "shop", OutputSamples.Lag.Intervals[0]), LagViews.FleetInterval, live: true)));

    [Fact]
    public void LagFleet_Json() => GoldenFiles.Check("lag-fleet.json", Rendered.Document(OutputFormat.Json, new LagFleetDocument([OutputSamples.Lag]), LagViews.FleetReport));

    [Fact]
    public void LagFleet_Csv() => GoldenFiles.Check("lag-fleet.csv", Rendered.As(OutputFormat.Csv, r =>
    {
        r.Document(new LagFleetHeader([(4242, "shop"), (4343, "batch")], TimeSpan.FromSeconds(1), Discovering: false), LagViews.FleetHeader);
        r.Row(new LagProcessInterval(4242, "shop", OutputSamples.Lag.Intervals[0]), LagViews.FleetInterval);
        r.Row(new LagProcessInterval(4343, "batch", OutputSamples.Lag.Intervals[0]), LagViews.FleetInterval);
        r.Document(new LagFleetDocument([OutputSamples.Lag]), LagViews.FleetReport);
    }));

    [Theory]
    [InlineData(OutputFormat.Json, "blocking.json")]
    [InlineData(OutputFormat.Markdown, "blocking.md")]
    [InlineData(OutputFormat.Csv, "blocking.csv")]
    public void Blocking_(OutputFormat format, string golden) => GoldenFiles.Check(golden, Rendered.Document(format, OutputSamples.Blocking, BlockingViews.Report));

    [Theory]
    [InlineData(OutputFormat.Json, "hotspots.json")]
    [InlineData(OutputFormat.Markdown, "hotspots.md")]
    [InlineData(OutputFormat.Csv, "hotspots.csv")]
    public void Hotspots_(OutputFormat format, string golden) => GoldenFiles.Check(golden, Rendered.Document(format, OutputSamples.Hotspots, HotspotsViews.Report));

    [Theory]
    [InlineData(OutputFormat.Json, "hotspots-trace.json")]
    [InlineData(OutputFormat.Csv, "hotspots-trace.csv")]
    public void HotspotsTrace_(OutputFormat format, string golden) => GoldenFiles.Check(golden, Rendered.Document(format, Trace, HotspotsViews.Trace));

    [Theory]
    [InlineData(OutputFormat.Text, "ps.txt")]
    [InlineData(OutputFormat.Json, "ps.json")]
    [InlineData(OutputFormat.Markdown, "ps.md")]
    [InlineData(OutputFormat.Csv, "ps.csv")]
    public void Ps_(OutputFormat format, string golden) => GoldenFiles.Check(golden, Rendered.Document(format, Processes, ProcessViews.List));

    [Theory]
    [InlineData(OutputFormat.Json, "engines.json")]
    [InlineData(OutputFormat.Markdown, "engines.md")]
    [InlineData(OutputFormat.Csv, "engines.csv")]
    public void Engines_(OutputFormat format, string golden) => GoldenFiles.Check(golden, Rendered.Document(format, Engines, EngineViews.List));

    [Theory]
    [InlineData(OutputFormat.Text, "scenarios.txt")]
    [InlineData(OutputFormat.Json, "scenarios.json")]
    [InlineData(OutputFormat.Csv, "scenarios.csv")]
    public void Scenarios_(OutputFormat format, string golden) => GoldenFiles.Check(golden, Rendered.Document(format, ScenarioCatalog.BuiltIn, ScenarioViews.List));

    [Theory]
    [InlineData(OutputFormat.Text, "diagnose.txt")]
    [InlineData(OutputFormat.Json, "diagnose.json")]
    [InlineData(OutputFormat.Markdown, "diagnose.md")]
    public void Diagnose_(OutputFormat format, string golden) => GoldenFiles.Check(golden, Rendered.Document(format, OutputSamples.Diagnosis, DiagnosisViews.Diagnosis));

    [Theory]
    [InlineData(OutputFormat.Json, "watch-incident.jsonl")]
    [InlineData(OutputFormat.Csv, "watch-incident.csv")]
    public void Watch_Incident(OutputFormat format, string golden) => GoldenFiles.Check(golden, Rendered.As(format, r => r.Row(OutputSamples.Incident, IncidentViews.Incident, live: true)));

    private static LagReportHeader Header => new(4242, "shop", "10.0.12", TimeSpan.FromSeconds(1), Watch: false);

    /// <summary>What <c>lag</c> hands its renderer: the header, each interval as it closes, the report.</summary>
    private static Action<IOutputRenderer> LagSession(bool live) => renderer =>
    {
        var report = OutputSamples.Lag;
        renderer.Document(Header, LagViews.Header);
        foreach (var interval in report.Intervals)
        {
            renderer.Row(interval, LagViews.Interval, live);
        }

        renderer.Document(report, LagViews.Report, live);
    };
}
