using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Reports.Tests;

public sealed class InputLoaderTests : IDisposable
{
    private readonly ReportFixtureRuns _runs = new();

    [Fact]
    public void CorruptFile_IsSkipped_WithOneWarningNamingIt()
    {
        var good = _runs.Write("in/good.json", ResultFiles.Serialize(FixtureReports.C10k()));
        var truncated = _runs.Write("in/truncated.json", ResultFiles.Serialize(FixtureReports.C10k())[..500]);
        var report = _runs.Make(new ReportOptions { Paths = [good, truncated] });

        var warning = Assert.Single(report.Warnings);
        Assert.StartsWith(truncated + ": corrupt or truncated JSON", warning, StringComparison.Ordinal);
        Assert.EndsWith("; skipped", warning, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', warning);
        Assert.Single(report.Model.Sources);
        Assert.Contains("⚠ " + Formatting.MarkdownText.Inline(warning), report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void CorruptFile_UnderStrict_StopsTheReport_NamingIt()
    {
        var good = _runs.Write("in/good.json", ResultFiles.Serialize(FixtureReports.C10k()));
        var corrupt = _runs.Write("in/corrupt.json", "{ not json");

        var failure = Assert.Throws<AsyncIoToolsException>(() => _runs.Make(new ReportOptions { Paths = [good, corrupt], Strict = true }));
        Assert.Equal(FailureKind.BadInput, failure.Kind);
        Assert.StartsWith(corrupt + ":", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownSchemaVersion_IsSkipped_WithAWarning()
    {
        var good = _runs.Write("in/good.json", ResultFiles.Serialize(FixtureReports.C10k()));
        var future = _runs.Write("in/future.json", "{\"schema\":\"aiotools.result/9\",\"runs\":[]}");
        var report = _runs.Make(new ReportOptions { Paths = [good, future] });

        Assert.Contains(report.Warnings, w => w.StartsWith(future + ": not a result file of a known version (schema 'aiotools.result/9'", StringComparison.Ordinal));
    }

    [Fact]
    public void Folder_IsReadRecursively_AndBenchmarkDotNetExportsInItAreMicroResults()
    {
        _runs.Write("tree/a/one.json", ResultFiles.Serialize(FixtureReports.C10k()));
        _runs.Write("tree/b/two.json", ResultFiles.Serialize(FixtureReports.IdleSweep()));
        File.Copy(FixturePaths.Probe, Path.Combine(_runs.Folder, "tree", "b", "Probe-report-full-compressed.json"));
        var report = _runs.Make(new ReportOptions { Paths = [Path.Combine(_runs.Folder, "tree")] });

        Assert.Empty(report.Warnings);
        Assert.Equal(2, report.Model.Sources.Count);
        Assert.Single(report.Model.Micro);
        Assert.Equal(["../tree/a/one.json", "../tree/b/two.json"], report.Model.Sources.Select(s => s.Origin).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void NothingReadable_IsABadInputFailure_EvenWithoutStrict()
    {
        var missing = Path.Combine(_runs.Folder, "missing.json");

        var failure = Assert.Throws<AsyncIoToolsException>(() => _runs.Make(new ReportOptions { Paths = [missing] }));
        Assert.Equal(FailureKind.BadInput, failure.Kind);
        Assert.Equal($"nothing to report: {missing}: no such file or folder", failure.Message);
    }

    [Fact]
    public void UnknownReferenceEngine_IsAUsageFailure_ListingTheEngines()
    {
        var failure = Assert.Throws<AsyncIoToolsException>(() => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.C10k()) with { ReferenceEngine = "epol" }));

        Assert.Equal(FailureKind.Usage, failure.Kind);
        Assert.StartsWith("--reference-engine epol: no such engine in the results (present: select, poll, epoll:level", failure.MessageFor(s => "--" + SettingNames.Kebab(s)), StringComparison.Ordinal);
    }

    [Fact]
    public void ReferenceEngine_ChangesWhatRatiosAreTakenAgainst()
    {
        var report = _runs.Make(ReportFixtureRuns.Objects(FixtureReports.C10k()) with { ReferenceEngine = "poll" });
        var table = RenderedTable.Parse(report.Markdown).First(t => t.Headers[0] == "Engine" && t.Headers[1].StartsWith("Throughput", StringComparison.Ordinal));

        Assert.Equal("poll (ref)", table.Rows[0][0]);
        Assert.Equal("40.0", table.Cell("poll", "Throughput"));
        Assert.Equal("**119** (2.98×)", RawCell(report.Markdown, "| io_uring ", 1));
    }

    [Fact]
    public void ResultsFromTwoMachines_AreWarnedAbout_InTheEnvironment()
    {
        var here = FixtureReports.C10k();
        var there = FixtureResults.Result("c10k-idle", FixtureReports.IdleSweep().Runs.ToList(), FixtureResults.Machine("other-host", "6.8.0"));
        var report = _runs.Make(ReportFixtureRuns.Objects(here, there));
        var environment = RenderedTable.Parse(report.Markdown)[0];

        Assert.Contains("> ⚠ These results come from 2 different machines", report.Markdown, StringComparison.Ordinal);
        Assert.Equal([" ", "Environment 1", "Environment 2"], environment.Headers.Select(h => h.Length == 0 ? " " : h));
        Assert.Equal(["Host", "fixture-host", "other-host"], environment.Row("Host"));
    }

    public void Dispose() => _runs.Dispose();

    private static string RawCell(string markdown, string rowStart, int column) =>
        markdown.Split('\n').First(l => l.StartsWith(rowStart, StringComparison.Ordinal)).Split(" | ")[column].Trim();
}
