using System.Xml.Linq;
using AsyncIoTools.Reports.Charts;
using AsyncIoTools.Reports.Inputs;
using AsyncIoTools.Reports.Model;
using static AsyncIoTools.Reports.Tests.FixtureResults;

namespace AsyncIoTools.Reports.Tests;

public class ChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public void SweepChart_HasAnEngineALine_OnALogAxis_WithTheUnitInItsTitle()
    {
        var chart = LineChart.Of(Sweep(FixtureReports.IdleSweep()), ReportMetrics.CpuPerRequest)!;

        Assert.Equal(["poll", "epoll:level", "io_uring"], chart.Series.Select(s => s.Name));
        Assert.Equal([100.0, 1000.0, 10000.0], chart.XValues);
        Assert.True(chart.LogarithmicX);
        Assert.Equal("CPU/req (µs)", chart.YTitle);
    }

    [Fact]
    public void MessageSizeSweep_IsChartedAlongTheRecordedParameter_WithSizeLabels()
    {
        var group = Sweep(FixtureReports.EchoSizeSweep());
        var chart = LineChart.Of(group, ReportMetrics.MebibytesPerSecond)!;

        Assert.Equal(SweepAxis.MessageBytes, group.Axis);
        Assert.Equal(3, group.Points.Count);
        Assert.Equal("message size", chart.XTitle);
        Assert.Equal(["64 B", "4 KiB", "64 KiB"], chart.XLabels);
        Assert.Equal(["epoll:level", "io_uring"], chart.Series.Select(s => s.Name));
        Assert.Equal("echo-sizes: Sent vs message size", chart.Title);
    }

    [Fact]
    public void RateSweep_ChartsAgainstTheOfferedRate()
    {
        var rates = new[] { 1_000.0, 10_000, 100_000 };
        var result = Result("rates", [.. rates.Select(r => Run("epoll", "level", 100, requestsPerSecond: r, p99Micros: 1_000 + (r / 100), sweepParameter: "rate", sweepValue: r))]);
        var group = Sweep(result);
        var chart = LineChart.Of(group, ReportMetrics.P99)!;

        Assert.Equal(SweepAxis.Rate, group.Axis);
        Assert.Equal("offered rate (req/s)", chart.XTitle);
        Assert.Equal(["1k", "10k", "100k"], chart.XLabels);
        Assert.Equal("100 connections, 10,000 req/s offered", PointText.Of(group.Points[1], group));
    }

    [Fact]
    public void SweepWithCases_DrawsALinePerEngineAndCase()
    {
        var runs = new[] { 100, 1_000, 10_000 }.SelectMany(c => new[] { "off", "idle-1s" }.Select(k => Run("epoll", connections: c, active: 100, cpuMicros: k == "off" ? 8 : 8 + (c / 1_000.0), caseName: k, sweepParameter: "connections", sweepValue: c)));
        var chart = LineChart.Of(Sweep(Result("keepalive", [.. runs])), ReportMetrics.CpuPerRequest)!;

        // A scenario without a case list orders its cases by name.
        Assert.Equal(["epoll [idle-1s]", "epoll [off]"], chart.Series.Select(s => s.Name));
        Assert.Equal(["100", "1k", "10k"], chart.XLabels);
    }

    [Fact]
    public void Svg_IsWellFormed_WithALinePerSeries_AndEscapedNames()
    {
        var chart = Chart("a <b> & \"c\"", [100, 1000], new ChartSeries("x<y>&z", [(100, 1), (1000, 2)]), new ChartSeries("epoll", [(100, 3), (1000, 3)]));
        var svg = XDocument.Parse(SvgLineChart.Render(chart));

        Assert.Equal(Svg + "svg", svg.Root!.Name);
        Assert.Equal(2, svg.Descendants(Svg + "polyline").Count());
        Assert.Equal("a <b> & \"c\"", svg.Root.Element(Svg + "title")!.Value);
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "x<y>&z");
        Assert.Contains(svg.Descendants(Svg + "text"), t => t.Value == "connections (log scale)");
    }

    [Fact]
    public void Mermaid_DrawsCompleteSeries_AndNamesThoseWithAGap()
    {
        var chart = Chart("c10k-idle: CPU/req vs connections", [100, 1000, 10000], new ChartSeries("poll", [(100, 10), (1000, 30), (10000, 120)]), new ChartSeries("select", [(100, 12), (1000, 40)]));
        var (block, drawn, leftOut) = MermaidXyChart.Render(chart);

        Assert.StartsWith("```mermaid\nxychart-beta\n", block, StringComparison.Ordinal);
        Assert.Contains("    x-axis \"connections\" [\"100\", \"1k\", \"10k\"]\n", block, StringComparison.Ordinal);
        Assert.Contains("    line [10.0, 30.0, 120]\n", block, StringComparison.Ordinal);
        Assert.Single(block.Split('\n'), l => l.TrimStart().StartsWith("line ", StringComparison.Ordinal));
        Assert.Equal(["poll"], drawn);
        Assert.Equal(["select"], leftOut);
    }

    [Fact]
    public void Mermaid_DropsPointsFewSeriesHave_SoThatTheOthersStayDrawn()
    {
        var chart = Chart(
            "c10k-idle: CPU/req vs connections",
            [100, 300, 900, 1000, 10000],
            new ChartSeries("select", [(100, 12), (300, 20), (900, 45)]),
            new ChartSeries("poll", [(100, 10), (1000, 30), (10000, 120)]),
            new ChartSeries("epoll", [(100, 8), (1000, 8), (10000, 9)]));
        var (block, drawn, leftOut) = MermaidXyChart.Render(chart);

        Assert.Contains("    x-axis \"connections\" [\"100\", \"1k\", \"10k\"]\n", block, StringComparison.Ordinal);
        Assert.Equal(["poll", "epoll"], drawn);
        Assert.Equal(["select"], leftOut);
    }

    [Fact]
    public void NiceScale_EndsOnARoundTop_AboveTheLargestValue()
    {
        var scale = NiceScale.Upto(123);

        Assert.Equal(125, scale.Top);
        Assert.Equal([0.0, 25, 50, 75, 100, 125], scale.Ticks());
    }

    [Fact]
    public void Report_WritesAnSvgPerChartedMetric_BesideTheMarkdown_AndLinksIt()
    {
        using var runs = new ReportFixtureRuns();
        var report = runs.Make(ReportFixtureRuns.Objects(FixtureReports.IdleSweep()));
        var svgs = report.WrittenFiles.Where(f => f.EndsWith(".svg", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, svgs.Count);
        Assert.All(svgs, f => Assert.Equal(Path.GetDirectoryName(report.WrittenFiles[^1]), Path.GetDirectoryName(f)));
        Assert.All(svgs, f => Assert.Contains($"]({Path.GetFileName(f)})", report.Markdown, StringComparison.Ordinal));
        Assert.All(svgs, f => XDocument.Load(f));
        Assert.Equal(4, report.Markdown.Split("```mermaid").Length - 1);
    }

    [Fact]
    public void Report_ToStandardOutput_LinksNoFile_ButKeepsMermaid()
    {
        var report = PerformanceReports.Create(ReportFixtureRuns.Objects(FixtureReports.IdleSweep()));

        Assert.Empty(report.WrittenFiles);
        Assert.DoesNotContain(".svg)", report.Markdown, StringComparison.Ordinal);
        Assert.Contains("```mermaid", report.Markdown, StringComparison.Ordinal);
    }

    private static LineChart Chart(string title, double[] x, params ChartSeries[] series) =>
        new(title, "connections", "CPU/req (µs)", new Formatting.DisplayUnit("µs", 1, Formatting.QuantityKind.Time), x, series);

    private static ScenarioGroup Sweep(AsyncIoTools.Results.BenchmarkResult result) =>
        ResultGrouping.Group([new ReportSource(result, "fixture")], new List<string>()).Single();

    [Fact]
    public void Grouping_KeepsTheLatestOfARowMeasuredTwice_AndSaysSo()
    {
        var earlier = Result("c10k", [Run("epoll", "level", requestsPerSecond: 1000)]);
        var later = Result("c10k", [Run("epoll", "level", requestsPerSecond: 2000)], started: Start.AddHours(2));
        var warnings = new List<string>();
        var group = ResultGrouping.Group([new ReportSource(later, "b.json"), new ReportSource(earlier, "a.json")], warnings).Single();

        Assert.Equal(2000, group.Points.Single().Rows.Single().Figure(ReportMetrics.Throughput)!.Median);
        Assert.Equal(["epoll:level in c10k at 1,000 connections is in a.json and b.json; the later (b.json) is shown"], warnings);
    }
}
