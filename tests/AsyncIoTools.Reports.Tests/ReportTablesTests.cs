using System.Text.RegularExpressions;
using AsyncIoTools.Reports.Exporters;
using Xunit;

namespace AsyncIoTools.Reports.Tests;

/// <summary>Every table of every generated report, parsed by Markdig: recognised as a table, rows and columns as meant.</summary>
public sealed partial class ReportTablesTests : IDisposable
{
    private readonly ReportFixtureRuns _runs = new();

    public static TheoryData<string> Reports => ["sweep", "hostile-github", "hostile-plain", "baseline", "micro", "sample"];

    [Theory]
    [MemberData(nameof(Reports))]
    public void EveryTable_ParsesAsATable_WithEveryRowAsWideAsItsHeader(string name)
    {
        var markdown = Make(name).Markdown;
        var tables = RenderedTable.Parse(markdown);

        // One rendered table per delimiter row written: a table Markdig did not recognise would be missing here.
        Assert.Equal(DelimiterRow().Count(markdown), tables.Count);
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            Assert.All(table.Rows, row => Assert.Equal(table.Headers.Count, row.Count));
            Assert.All(table.Rows, row => Assert.DoesNotContain(string.Empty, row));
        }
    }

    [Fact]
    public void ComparisonTable_HasACompletedEngineARow_AndAMetricAColumn()
    {
        var markdown = Make("sweep").Markdown;
        var c10k = RenderedTable.Parse(markdown).First(t => t.Headers[0] == "Engine" && t.Headers[1] == "Throughput (k req/s)");

        Assert.Equal(["Engine", "Throughput (k req/s)", "p50 (ms)", "p99 (ms)", "p99.9 (ms)", "CPU/req (µs)", "Syscalls/req", "RSS/conn (B)", "Errors"], c10k.Headers);
        Assert.Equal(["poll", "epoll:level (ref)", "epoll:edge", "io_uring"], c10k.Rows.Select(r => r[0]));
        Assert.Contains("- `select` unavailable: select cannot watch descriptor 1024: FD_SETSIZE is 1024; use poll or epoll", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ComparisonTable_MarksTheBest_GivesRatios_AndFlagsNoise()
    {
        var markdown = Make("sweep").Markdown;
        var c10k = RenderedTable.Parse(markdown).First(t => t.Headers[0] == "Engine" && t.Headers[1] == "Throughput (k req/s)");
        var ioUringLine = markdown.Split('\n').First(l => l.StartsWith("| io_uring ", StringComparison.Ordinal));

        Assert.Contains("**119** (1.01×)", ioUringLine, StringComparison.Ordinal);
        Assert.Contains("**0.500** (0.25×)", ioUringLine, StringComparison.Ordinal);
        Assert.Equal("40.0 (0.34×)", c10k.Cell("poll", "Throughput"));
        Assert.Equal("118 ⚠", c10k.Cell("epoll:level", "Throughput"));
    }

    [Fact]
    public void ConfidenceIntervalTable_HasTheSameRowsAsTheMedians()
    {
        var tables = RenderedTable.Parse(Make("sweep").Markdown);
        var medians = tables.First(t => t.Headers[0] == "Engine" && t.Headers[1] == "Throughput (k req/s)");
        var intervals = tables.First(t => t.Headers[0] == "Engine" && t.Headers[1] == "95% CI Throughput (k req/s)");

        Assert.Equal(medians.Rows.Select(r => r[0].Replace(" (ref)", string.Empty, StringComparison.Ordinal)), intervals.Rows.Select(r => r[0]));
        Assert.Matches(@"^\d+(\.\d+)?–\d+(\.\d+)?$", intervals.Cell("poll", "95% CI Throughput"));
    }

    [Fact]
    public void HostileNames_StayText_InTablesHeadingsAndLists()
    {
        var markdown = Make("hostile-github").Markdown;
        var html = RenderedTable.ToHtml(markdown);
        var comparison = RenderedTable.Parse(markdown).First(t => t.Headers[0] == "Engine" && t.Headers[1].StartsWith("Throughput", StringComparison.Ordinal));

        Assert.Equal(2, comparison.Rows.Count);
        Assert.Single(comparison.Rows, r => r[0] == "evil|engine:<script>alert(1)</script>");
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>html", html, StringComparison.Ordinal);
        Assert.Contains("<code>evil|scenario `x` &lt;b&gt;bold&lt;/b&gt;</code>", html, StringComparison.Ordinal);
        Assert.Contains("line one line two | with a pipe, &lt;i&gt;html&lt;/i&gt;, `code` and *stars*", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, "<h1>"));
    }

    public void Dispose() => _runs.Dispose();

    private PerformanceReport Make(string name) => name switch
    {
        "sweep" => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.C10k(), FixtureReports.IdleSweep()), name),
        "hostile-github" => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.Hostile()), name),
        "hostile-plain" => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.Hostile()) with { Exporter = MarkdownExporter.Plain }, name),
        "baseline" => _runs.Make(ReportFixtureRuns.Objects(BaselineTests.Slower()) with { BaselineResults = [FixtureReports.C10k()] }, name),
        "micro" => _runs.Make(new ReportOptions { BdnJsonPaths = [FixturePaths.Probe] }, name),
        _ => _runs.Make(new ReportOptions { Paths = [FixturePaths.Sample] }, name),
    };

    [GeneratedRegex(@"^\|(\s*:?-+:?\s*\|)+\s*$", RegexOptions.Multiline)]
    private static partial Regex DelimiterRow();
}
