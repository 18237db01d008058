using System.Text.RegularExpressions;
using AsyncIoTools.Reports.Exporters;

namespace AsyncIoTools.Reports.Tests;

/// <summary>Every table of every generated report, parsed by Markdig: recognised as a table, rows and columns as meant.</summary>
public sealed partial class ReportTablesTests : IDisposable
{
    private readonly ReportFixtureRuns _runs = new();

    public static TheoryData<string> Reports => ["sweep", "cases", "echo-sweep", "hostile-github", "hostile-plain", "baseline", "micro", "sample"];

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

        Assert.Equal(["Engine", "Throughput (k req/s)", "p50 (ms)", "p99 (ms)", "p99.9 (ms)", "CPU/req (µs)", "Syscalls/req", "Errors"], c10k.Headers);
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
    public void ComparisonTable_OfAnInterleavedResult_MarksTheRatiosTakenTrialByTrial_AndSaysSo()
    {
        var inTurn = FixtureReports.File64m();
        var interleaved = _runs.Make(ReportFixtureRuns.Objects(inTurn with { Interleaved = true }), "interleaved").Markdown;
        var plain = _runs.Make(ReportFixtureRuns.Objects(inTurn), "in-turn").Markdown;
        var sendfile = RenderedTable.Parse(interleaved).First(t => t.Headers[0] == "Engine" && t.Rows.Any(r => r[1] == "sendfile"));

        var sent = sendfile.Rows.First(r => r[1] == "sendfile")[sendfile.Headers.ToList().FindIndex(h => h.StartsWith("Sent", StringComparison.Ordinal))];
        Assert.Matches(@"\(\d\.\d\d×†\)$", sent);
        Assert.Contains("n×†: the median of the per-trial ratios, the two runs' trials having been interleaved", interleaved, StringComparison.Ordinal);
        Assert.DoesNotContain("†", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void CaseScenarios_HaveACaseColumn_RowsInEngineThenCaseOrder_AndTheirOwnColumns()
    {
        var tables = RenderedTable.Parse(Make("cases").Markdown);
        var nagle = tables.First(t => t.Rows.Any(r => r[1] == "nodelay-off"));
        var cork = tables.First(t => t.Headers[0] == "Engine" && t.Rows.Any(r => r[1] == "split-corked"));
        var file = tables.First(t => t.Headers[0] == "Engine" && t.Rows.Any(r => r[1] == "sendfile"));

        Assert.Equal(["Engine", "Case", "Throughput (k req/s)", "p50 (ms)", "p99 (ms)", "p99.9 (ms)", "CPU/req (µs)", "Syscalls/req", "Segments/req", "Errors"], nagle.Headers);
        Assert.Equal(["epoll (ref)", "epoll"], nagle.Rows.Select(r => r[0]));
        Assert.Equal(["nodelay-off", "nodelay-on"], nagle.Rows.Select(r => r[1]));
        Assert.Equal(
            [("epoll", "one-write"), ("epoll", "split"), ("epoll", "split-corked"), ("io_uring", "one-write"), ("io_uring", "split"), ("io_uring", "split-corked")],
            cork.Rows.Select(r => (r[0].Replace(" (ref)", string.Empty, StringComparison.Ordinal), r[1])));
        Assert.Equal("3.90 (1.95×)", cork.Rows[1][cork.Headers.ToList().IndexOf("Segments/req")]);
        Assert.Equal(["Engine", "Case", "Throughput (req/s)", "Sent (MiB/s)", "p50 (ms)", "p99 (ms)", "p99.9 (s)", "CPU/MiB (ms)", "Syscalls/req", "Errors"], file.Headers);
        Assert.Equal("960 (1.50×)", file.Rows[1][3]);
        Assert.Equal("1.00", file.Rows[0][7]);
    }

    [Fact]
    public void CaseScenarios_DescribeTheirCases_AndListWhatDidNotRun()
    {
        var markdown = Make("cases").Markdown;

        Assert.Contains("- Case `nodelay-off`: Nagle on: the body waits for the head's ACK\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- Case `splice`: splice() file → pipe → socket\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- `io_uring [splice]` unavailable: the io_uring engine does not send files with splice\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void MessageSizeSweep_HasAPointPerRecordedSize_WithByteColumns_AndNoCaseColumn()
    {
        var report = Make("echo-sweep");
        var markdown = report.Markdown;
        var comparisons = RenderedTable.Parse(markdown).Where(t => t.Headers[0] == "Engine" && t.Headers[1].StartsWith("Throughput", StringComparison.Ordinal)).ToList();

        Assert.Empty(report.Warnings);
        Assert.Equal(3, comparisons.Count);
        // Units are chosen per table (CPU per MiB falls from ms to µs as messages grow): compare the titles.
        Assert.All(comparisons, t => Assert.Equal(["Engine", "Throughput", "Sent", "p50", "p99", "p99.9", "CPU/MiB", "Syscalls/req", "Errors"], t.Headers.Select(h => h.Split(" (")[0])));
        Assert.All(comparisons, t => Assert.Equal(["epoll:level (ref)", "io_uring"], t.Rows.Select(r => r[0])));
        Assert.Contains("### 100 connections, 64 B messages\n", markdown, StringComparison.Ordinal);
        Assert.Contains("### 100 connections, 4 KiB messages\n", markdown, StringComparison.Ordinal);
        Assert.Contains("### 100 connections, 64 KiB messages\n", markdown, StringComparison.Ordinal);
        Assert.Contains("x-axis \"message size\" [\"64 B\", \"4 KiB\", \"64 KiB\"]", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyConnections_GetAHoldingTable_WithARowPerEngineAndPoint()
    {
        var held = RenderedTable.Parse(Make("sweep").Markdown).Where(t => t.Headers.Contains("Opened")).ToList();

        Assert.Equal(2, held.Count);
        Assert.Equal(["Engine", "Connections", "Opened", "Ramp (ms)", "RSS/conn (B)"], held[1].Headers);
        Assert.Equal(9, held[1].Rows.Count);
        Assert.Equal(["poll", "100", "100", "50.0", "200"], held[1].Rows[0]);
    }

    [Fact]
    public void OtherLoad_IsSaidAtTheTop_AndFlaggedInTheTrials()
    {
        var markdown = Make("cases").Markdown;
        var trials = RenderedTable.Parse(markdown).First(t => t.Headers.Contains("Other CPU") && t.Rows.Any(r => r[0] == "epoll [readwrite]"));

        Assert.Contains("> ⚠ The machine was not quiet: during 3 of 27 trials other processes used more than 10% of a CPU (up to 35%).", markdown, StringComparison.Ordinal);
        Assert.All(trials.Rows.Where(r => r[0] == "epoll [readwrite]"), r => Assert.EndsWith("machine busy", r[^1], StringComparison.Ordinal));
        Assert.All(trials.Rows.Where(r => r[0] == "epoll [sendfile]"), r => Assert.Equal("n/a", r[^2]));
    }

    [Fact]
    public void Steal_IsSaidApart_AndTheTrialsNameTheBusiestOtherProcess()
    {
        var nagle = FixtureReports.Nagle();
        var first = nagle.Runs[0];
        var disturbed = first with
        {
            Trials = [.. first.Trials.Select(t => t with { System = t.System! with { OtherCpuShare = 0.3, BusiestOtherProcess = "backup", BusiestOtherCpuShare = 0.25, StealCpuShare = 0.2 } })],
        };
        var markdown = _runs.Make(ReportFixtureRuns.Objects(nagle with { Runs = [disturbed, .. nagle.Runs.Skip(1)] }), "steal").Markdown;
        var trials = RenderedTable.Parse(markdown).First(t => t.Headers.Contains("Other CPU"));

        Assert.Contains($"> ⚠ The host was not quiet: during {first.Trials.Count} of {2 * first.Trials.Count} trials the hypervisor kept more than 10% of a CPU from this machine (steal, up to 20%).", markdown, StringComparison.Ordinal);
        Assert.Equal(first.Trials.Count, trials.Rows.Count(r => r[^1].EndsWith("machine busy (most: backup), host busy (steal 20%)", StringComparison.Ordinal)));
        Assert.DoesNotContain("host busy", Make("cases").Markdown, StringComparison.Ordinal);
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
        "cases" => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.Nagle(), FixtureReports.Cork(), FixtureReports.File64m()), name),
        "echo-sweep" => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.EchoSizeSweep()), name),
        "hostile-github" => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.Hostile()), name),
        "hostile-plain" => _runs.Make(ReportFixtureRuns.Objects(FixtureReports.Hostile()) with { Exporter = MarkdownExporter.Plain }, name),
        "baseline" => _runs.Make(ReportFixtureRuns.Objects(BaselineTests.Slower()) with { BaselineResults = [FixtureReports.C10k()] }, name),
        "micro" => _runs.Make(new ReportOptions { BdnJsonPaths = [FixturePaths.Probe] }, name),
        _ => _runs.Make(new ReportOptions { Paths = [FixturePaths.Sample] }, name),
    };

    [GeneratedRegex(@"^\|(\s*:?-+:?\s*\|)+\s*$", RegexOptions.Multiline)]
    private static partial Regex DelimiterRow();
}
