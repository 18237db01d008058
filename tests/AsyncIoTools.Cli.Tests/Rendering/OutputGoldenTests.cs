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

namespace AsyncIoTools.Cli.Tests.Rendering;

/// <summary>
/// Every command's output in every format it has, from fixed objects through the renderer the host would choose,
/// against golden files. The text and JSON files were captured before output went through one renderer and must
/// stay byte for byte (the JSON is a stable contract, README); the markdown and CSV files came with the renderer.
/// </summary>
public sealed class OutputGoldenTests
{
    private const string ResultPath = "results/20261122-064152-bench.json";

    /// <summary>
    /// Each command's output and the formats it has; the golden file is NAME.txt, .json, .md or .csv (.jsonl for rows
    /// streamed live, one JSON document a line).
    /// </summary>
    private static readonly IReadOnlyList<Output> Outputs =
    [
        new("load", [OutputFormat.Text, OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Csv], r => r.Document(Load, LoadViews.Report)),
        new("bench", [OutputFormat.Text, OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Csv], r => r.Document(Bench, BenchViews.Result(ResultPath))),
        new("lag", [OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Csv], LagSession(live: false)),
        new("blocking", [OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Csv], r => r.Document(OutputSamples.Blocking, BlockingViews.Report)),
        new("hotspots", [OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Csv], r => r.Document(OutputSamples.Hotspots, HotspotsViews.Report)),
        new("hotspots-trace", [OutputFormat.Json, OutputFormat.Csv], r => r.Document(Trace, HotspotsViews.Trace)),
        new("ps", [OutputFormat.Text, OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Csv], r => r.Document(Processes, ProcessViews.List)),
        new("engines", [OutputFormat.Json, OutputFormat.Markdown, OutputFormat.Csv], r => r.Document(Engines, EngineViews.List)),
        new("scenarios", [OutputFormat.Text, OutputFormat.Json, OutputFormat.Csv], r => r.Document(ScenarioCatalog.BuiltIn, ScenarioViews.List)),
        new("diagnose", [OutputFormat.Text, OutputFormat.Json, OutputFormat.Markdown], r => r.Document(OutputSamples.Diagnosis, DiagnosisViews.Diagnosis)),
        new("watch-incident", [OutputFormat.Json, OutputFormat.Csv], r => r.Row(OutputSamples.Incident, IncidentViews.Incident, live: true), JsonLines: true),
    ];

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

    /// <summary>Every command with every format it has, one theory row each.</summary>
    public static TheoryData<string, OutputFormat> CommandFormats
    {
        get
        {
            var rows = new TheoryData<string, OutputFormat>();
            foreach (var output in Outputs)
            {
                foreach (var format in output.Formats)
                {
                    rows.Add(output.Name, format);
                }
            }

            return rows;
        }
    }

    [Theory]
    [MemberData(nameof(CommandFormats))]
    public void Command_(string name, OutputFormat format)
    {
        var output = Outputs.Single(o => o.Name == name);
        GoldenFiles.Check(name + output.Extension(format), Rendered.As(format, output.Render));
    }

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

    private sealed record Output(string Name, IReadOnlyList<OutputFormat> Formats, Action<IOutputRenderer> Render, bool JsonLines = false)
    {
        public string Extension(OutputFormat format) => format switch
        {
            OutputFormat.Text => ".txt",
            OutputFormat.Json => JsonLines ? ".jsonl" : ".json",
            OutputFormat.Markdown => ".md",
            _ => ".csv",
        };
    }
}
