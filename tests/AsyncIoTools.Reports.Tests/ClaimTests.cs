using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Reports.Claims;
using AsyncIoTools.Reports.Model;
using Xunit;
using static AsyncIoTools.Reports.Tests.FixtureResults;

namespace AsyncIoTools.Reports.Tests;

/// <summary>Verdicts from fixture results: confirmed, not confirmed, and not measured when nothing decides.</summary>
public sealed class ClaimTests : IDisposable
{
    private readonly ReportFixtureRuns _runs = new();

    [Fact]
    public void IdleSweep_WithPollGrowingAndEpollFlat_ConfirmsBoth()
    {
        var verdicts = Verdicts(FixtureReports.IdleSweep());

        Assert.Equal(ClaimVerdict.Confirmed, verdicts["epoll-flat"]);
        Assert.Equal(ClaimVerdict.Confirmed, verdicts["poll-grows"]);
    }

    [Fact]
    public void IdleSweep_WithPollFlatAndEpollGrowing_ConfirmsNeither()
    {
        var verdicts = Verdicts(FixtureReports.IdleSweep(pollGrowth: 1.2, epollGrowth: 2));

        Assert.Equal(ClaimVerdict.NotConfirmed, verdicts["epoll-flat"]);
        Assert.Equal(ClaimVerdict.NotConfirmed, verdicts["poll-grows"]);
    }

    [Fact]
    public void Sweep_NarrowerThanTenTimes_IsNotMeasured()
    {
        var narrow = Result("c10k-idle", [.. new[] { 1000, 2000 }.Select(c => Run("epoll", "level", c, active: 100))]);
        var outcome = Outcome(narrow, "epoll-flat");

        Assert.Equal(ClaimVerdict.NotMeasured, outcome.Verdict);
        Assert.Contains("spans 1,000–2,000 (2×); the check needs ≥ 10×", outcome.Figure, StringComparison.Ordinal);
    }

    [Fact]
    public void Ratios_AtTheLargestCommonPoint_DecideTheIoUringClaims()
    {
        var verdicts = Verdicts(FixtureReports.C10k());

        Assert.Equal(ClaimVerdict.Confirmed, verdicts["io-uring-syscalls"]);
        Assert.Equal(ClaimVerdict.NotConfirmed, verdicts["io-uring-throughput"]);
        Assert.Equal("io_uring 119 k req/s vs epoll:level 118 k req/s Throughput at 10,000 connections: 1.01× (noisy: trials spread over 10%)", Outcome(FixtureReports.C10k(), "io-uring-throughput").Figure);
    }

    [Fact]
    public void ClaimsWithoutMatchingResults_AreNotMeasured_NeverGuessed()
    {
        var verdicts = Verdicts(FixtureReports.C10k());

        Assert.Equal(ClaimVerdict.NotMeasured, verdicts["event-loop-vs-threads-throughput"]);
        Assert.Equal(ClaimVerdict.NotMeasured, verdicts["epoll-flat"]);
        Assert.Equal(ClaimVerdict.NotMeasured, verdicts["sendfile-cpu"]);
        Assert.Equal("no results of scenario churn", Outcome(FixtureReports.C10k(), "event-loop-vs-threads-throughput").Figure);
    }

    [Fact]
    public void RatioAtAGivenPoint_WhereOneEngineDidNotRun_IsNotMeasured_AndSaysWhy()
    {
        var churn = Result("churn", [Run("epoll", "level"), NotRun("threads", RunStatus.Failed, "server died: out of memory")]);
        var outcome = Outcome(churn, "event-loop-vs-threads-throughput");

        Assert.Equal(ClaimVerdict.NotMeasured, outcome.Verdict);
        Assert.Contains("threads: failed (server died: out of memory)", outcome.Figure, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_RefusedPastFdSetSize_ConfirmsTheLimit()
    {
        var outcome = Outcome(FixtureReports.C10k(), "select-fd-setsize");

        Assert.Equal(ClaimVerdict.Confirmed, outcome.Verdict);
        Assert.StartsWith("select at 10,000 connections: unavailable: select cannot watch descriptor 1024", outcome.Figure, StringComparison.Ordinal);
    }

    [Fact]
    public void Select_RefusingConnectionsPastTheLimit_ConfirmsIt_AndHoldingThemAll_RefutesIt()
    {
        var refusing = Result("bench", [Run("select", connections: 2000, refused: 977)]);
        var holding = Result("bench", [Run("select", connections: 2000)]);

        Assert.Equal(ClaimVerdict.Confirmed, Outcome(refusing, "select-fd-setsize").Verdict);
        Assert.Equal(ClaimVerdict.NotConfirmed, Outcome(holding, "select-fd-setsize").Verdict);
        Assert.Equal(ClaimVerdict.NotMeasured, Outcome(Result("bench", [Run("select", connections: 1000)]), "select-fd-setsize").Verdict);
    }

    [Fact]
    public void ClaimsSection_ListsEveryClaim_WithItsVerdictAndCommand()
    {
        var report = _runs.Make(ReportFixtureRuns.Objects(FixtureReports.C10k(), FixtureReports.IdleSweep()));
        var table = RenderedTable.Parse(report.Markdown).Single(t => t.Headers.Contains("Verdict"));

        Assert.Equal(["#", "Claim", "Seed", "Confirmed when", "Verdict", "Measured here", "Reproduce"], table.Headers);
        Assert.Equal(ClaimCatalogue.Default.Count, table.Rows.Count);
        Assert.All(table.Rows, r => Assert.Matches("^(✅ confirmed|❌ not confirmed|➖ not measured)$", r[4]));
        Assert.All(table.Rows, r => Assert.StartsWith("aiotools bench", r[6], StringComparison.Ordinal));
    }

    [Fact]
    public void Glob_MatchesWildcards_CaseInsensitively()
    {
        Assert.True(Glob.IsMatch("file-64m*", "file-64m-sendfile"));
        Assert.True(Glob.IsMatch("*read*write*", "epoll:ReadWrite"));
        Assert.True(Glob.IsMatch("epoll", "EPOLL"));
        Assert.False(Glob.IsMatch("epoll", "epoll:edge"));
        Assert.False(Glob.IsMatch("c10k", "c10k-idle"));
    }

    public void Dispose() => _runs.Dispose();

    private static Dictionary<string, ClaimVerdict> Verdicts(params BenchmarkResult[] results) =>
        Evaluate(results).ToDictionary(r => r.Claim.Id, r => r.Outcome.Verdict);

    private static ClaimOutcome Outcome(BenchmarkResult result, string id) => Evaluate([result]).Single(r => r.Claim.Id == id).Outcome;

    private static IReadOnlyList<ClaimResult> Evaluate(BenchmarkResult[] results)
    {
        var scenarios = ResultGrouping.Group(results.Select(r => new Inputs.ReportSource(r, "fixture")), new List<string>());
        return ClaimCatalogue.Evaluate(ClaimCatalogue.Default, scenarios);
    }
}
