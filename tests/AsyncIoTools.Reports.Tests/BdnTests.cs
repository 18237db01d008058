using AsyncIoTools.Failures;
using AsyncIoTools.Reports.DotNetBenchmarks;

namespace AsyncIoTools.Reports.Tests;

public sealed class BdnTests : IDisposable
{
    private readonly ReportFixtureRuns _runs = new();

    [Fact]
    public void RealExport_IsRead_WithStatisticsMemoryAndTheIntervalLevel()
    {
        var report = BdnReportReader.Read(FixturePaths.Probe);

        Assert.Equal("0.14.0", report.HostEnvironmentInfo!.BenchmarkDotNetVersion);
        Assert.Equal(["Allocate", "Sum", "Allocate", "Sum"], report.Benchmarks.Select(b => b.Method));
        Assert.Equal(["Size=10", "Size=10", "Size=1000", "Size=1000"], report.Benchmarks.Select(b => b.Parameters));
        var allocate = report.Benchmarks[0];
        Assert.Equal(3, allocate.Statistics!.N);
        Assert.Equal("99.9%", allocate.Statistics.ConfidenceInterval!.LevelName);
        Assert.Equal(64, allocate.Memory!.BytesAllocatedPerOperation);
    }

    [Fact]
    public void MicroTable_HasACaseARow_TimesInOneStatedUnit_AndTheFastestPerParametersInBold()
    {
        var report = _runs.Make(new ReportOptions { BdnJsonPaths = [FixturePaths.Probe] });
        var table = Assert.Single(RenderedTable.Parse(report.Markdown), t => t.Headers[0] == "Method");

        Assert.Equal(["Method", "Parameters", "Mean (ns)", "Error (ns)", "StdDev (ns)", "Median (ns)", "N", "Gen0/1k op", "Allocated (B)"], table.Headers);
        Assert.Equal(4, table.Rows.Count);
        Assert.Equal("64", table.Rows[0][8]);
        var bold = report.Markdown.Split('\n').Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\|.*\|\s+\*\*")).ToList();
        Assert.Equal(2, bold.Count);
        Assert.Empty(report.Claims);
    }

    [Fact]
    public void SingleIterationExport_WithEmptyStringsForTheInterval_ReadsThemAsNotANumber()
    {
        // What BenchmarkDotNet 0.14 writes for a dry job (one iteration): no interval, spelled as empty strings.
        const string Export = """
            {"Title":"Dry","Benchmarks":[{"Method":"Wait","Parameters":"Descriptors=10",
             "Statistics":{"N":1,"Mean":835606,"Median":835606,"StandardDeviation":0,"StandardError":0,
               "ConfidenceInterval":{"N":1,"Mean":835606,"StandardError":0,"Level":12,"Margin":"","Lower":"","Upper":""}}}]}
            """;

        var statistics = BdnReportReader.Parse(Export, "dry.json").Benchmarks[0].Statistics!;

        Assert.Equal(835606, statistics.Mean);
        Assert.True(double.IsNaN(statistics.ConfidenceInterval!.Margin));
    }

    [Fact]
    public void NotAnExport_IsABadInputFailure_NamingTheFile()
    {
        var path = _runs.Write("x-report-full.json", "{\"Title\":\"x\"}");

        var failure = Assert.Throws<AsyncIoToolsException>(() => BdnReportReader.Read(path));
        Assert.Equal(FailureKind.BadInput, failure.Kind);
        Assert.StartsWith(path + ": not a BenchmarkDotNet JSON export", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TruncatedExport_IsSkippedWithAWarning_BesideAGoodResult()
    {
        var truncated = _runs.Write("t-report-full.json", File.ReadAllText(FixturePaths.Probe)[..300]);
        var report = _runs.Make(new ReportOptions { Paths = [FixturePaths.Sample], BdnJsonPaths = [truncated] });

        Assert.Contains(report.Warnings, w => w.StartsWith(truncated + ": corrupt or truncated BenchmarkDotNet JSON", StringComparison.Ordinal));
        Assert.Empty(report.Model.Micro);
    }

    [Fact]
    public void OneNumericParameter_IsDrawnAsASweep_AMethodALine()
    {
        var chart = Charts.MicroSweep.Of("Probe", BdnReportReader.Read(FixturePaths.Probe).Benchmarks)!;

        Assert.Equal(["Allocate", "Sum"], chart.Series.Select(s => s.Name));
        Assert.Equal([10.0, 1000.0], chart.XValues);
        Assert.True(chart.LogarithmicX);
        Assert.Equal("Mean (ns)", chart.YTitle);
    }

    [Fact]
    public void OtherParameters_SplitTheLines_AndTwoNumericAxesDrawNothing()
    {
        BdnBenchmark Case(string method, string parameters) => new() { Method = method, Parameters = parameters, Statistics = new BdnStatistics { N = 3, Mean = 100, Median = 100 } };
        var byMode = Charts.MicroSweep.Of("Wait", [Case("Epoll", "Descriptors=10, Mode=Edge"), Case("Epoll", "Descriptors=1000, Mode=Edge"), Case("Epoll", "Descriptors=10, Mode=Level"), Case("Epoll", "Descriptors=1000, Mode=Level")])!;
        var twoAxes = Charts.MicroSweep.Of("Wait", [Case("Poll", "Descriptors=10, Ready=1"), Case("Poll", "Descriptors=1000, Ready=10")]);

        Assert.Equal(["Epoll (Mode=Edge)", "Epoll (Mode=Level)"], byMode.Series.Select(s => s.Name));
        Assert.Equal("Descriptors", byMode.XTitle);
        Assert.Null(twoAxes);
    }

    public void Dispose() => _runs.Dispose();
}
