using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Reports.Claims;
using AsyncIoTools.Reports.Model;
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
        Assert.Equal(ClaimVerdict.Confirmed, verdicts["io-uring-flat"]);
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
    public void IdleSweep_OneNoisyPointInAFlatSeries_IsStillFlat_ButASteadyRiseOfTheSameSpreadIsNot()
    {
        // The first: epoll's medians from a real sweep, whose max ÷ min (1.39) came from one low and one high point.
        // The second: the same spread, in order, from the first point to the last.
        double[] noisyFlat = [13.7, 15.7, 13.8, 14.7, 11.3];
        double[] steadyRise = [11.3, 13.7, 13.8, 14.7, 15.7];
        int[] connections = [100, 1_000, 2_500, 5_000, 10_000];

        var flat = Outcome(Result("c10k-idle", [.. connections.Select((c, i) => Run("epoll", "level", c, active: 100, cpuMicros: noisyFlat[i]))]), "epoll-flat");
        var rising = Outcome(Result("c10k-idle", [.. connections.Select((c, i) => Run("epoll", "level", c, active: 100, cpuMicros: steadyRise[i]))]), "epoll-flat");

        Assert.Equal(ClaimVerdict.Confirmed, flat.Verdict);
        Assert.Contains("trend 0.89×", flat.Figure, StringComparison.Ordinal);
        Assert.Equal(ClaimVerdict.NotConfirmed, rising.Verdict);
        Assert.Contains("trend 1.37×", rising.Figure, StringComparison.Ordinal);
    }

    [Fact]
    public void IdleSweep_ThatFallsByMoreThanTheFactor_IsNotFlat()
    {
        int[] connections = [100, 1_000, 10_000];
        double[] falling = [20, 14, 10];

        var outcome = Outcome(Result("c10k-idle", [.. connections.Select((c, i) => Run("epoll", "level", c, active: 100, cpuMicros: falling[i]))]), "epoll-flat");

        Assert.Equal(ClaimVerdict.NotConfirmed, outcome.Verdict);
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
        Assert.Equal(ClaimVerdict.Confirmed, verdicts["io-uring-cpu"]);
        Assert.Equal("io_uring 119 k req/s vs epoll:level 118 k req/s Throughput: 1.01× (noisy: trials spread over 10%) at 10,000 connections", Outcome(FixtureReports.C10k(), "io-uring-throughput").Figure);
    }

    [Fact]
    public void ClaimsWithoutMatchingResults_AreNotMeasured_NeverGuessed()
    {
        var verdicts = Verdicts(FixtureReports.C10k());

        Assert.Equal(ClaimVerdict.NotMeasured, verdicts["event-loop-vs-threads-throughput"]);
        Assert.Equal(ClaimVerdict.NotMeasured, verdicts["epoll-flat"]);
        Assert.Equal(ClaimVerdict.NotMeasured, verdicts["zero-copy-cpu"]);
        Assert.Equal(ClaimVerdict.NotMeasured, verdicts["nagle-stall"]);
        Assert.Equal(ClaimVerdict.NotMeasured, verdicts["cork-segments"]);
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
    public void Select_RefusedAtASweepPointPastTheLimit_ConfirmsIt_FromTheRecordedRun()
    {
        var outcome = Outcome(FixtureReports.SelectIdle(), "select-fd-setsize");
        var within = Result("c10k-idle", [Run("select", connections: 100, active: 100), Run("select", connections: 1_000, active: 100)]);

        Assert.Equal(ClaimVerdict.Confirmed, outcome.Verdict);
        Assert.StartsWith("select at 2,500 connections: unavailable: select watches descriptors below FD_SETSIZE (1024) only", outcome.Figure, StringComparison.Ordinal);
        Assert.Equal("no select run past 1,024 connections", Outcome(within, "select-fd-setsize").Figure);
    }

    /// <summary>
    /// A host that drifts between rounds: trial 1 slow, trial 2 fast. Each round io_uring costs 0.88× epoll, but the
    /// two medians come from different trials (epoll's third, io_uring's third at 0.99×). Interleaved, the ratio is
    /// taken trial by trial; measured in turn, the medians are all a report can divide.
    /// </summary>
    [Fact]
    public void IoUringCpu_InterleavedTrials_AreDividedTrialByTrial_AndRunsInTurnByTheirMedians()
    {
        var runs = new[]
        {
            WithCpuPerRequest(Run("epoll", "level", 10_000), 10.0, 6.0, 8.0),
            WithCpuPerRequest(Run("io_uring", connections: 10_000), 8.8, 5.3, 7.9),
        };
        var inTurn = Result("c10k", runs);
        var interleaved = inTurn with { Interleaved = true };

        var paired = Outcome(interleaved, "io-uring-cpu");
        Assert.Equal(ClaimVerdict.Confirmed, paired.Verdict);
        Assert.Equal("io_uring 7.90 µs vs epoll:level 8.00 µs CPU/req (medians); trial by trial 0.88× (0.88×–0.99× over 3 interleaved trials) (noisy: trials spread over 10%) at 10,000 connections", paired.Figure);
        var medians = Outcome(inTurn, "io-uring-cpu");
        Assert.Equal(ClaimVerdict.NotConfirmed, medians.Verdict);
        Assert.Contains("CPU/req: 0.99× (noisy", medians.Figure, StringComparison.Ordinal);
    }

    [Fact]
    public void IoUringCpu_AboveNineTenthsOfEpolls_IsNotConfirmed()
    {
        var close = Result("c10k", [Run("epoll", "level", 10_000, cpuMicros: 7.5), Run("io_uring", connections: 10_000, cpuMicros: 7.2)]);
        var outcome = Outcome(close, "io-uring-cpu");

        Assert.Equal(ClaimVerdict.NotConfirmed, outcome.Verdict);
        Assert.Equal("io_uring 7.20 µs vs epoll:level 7.50 µs CPU/req: 0.96× at 10,000 connections", outcome.Figure);
    }

    [Fact]
    public void Nagle_StallWithNagleAndNoneWithNoDelay_IsConfirmed_CaseAgainstCaseOfOneEngine()
    {
        var outcome = Outcome(FixtureReports.Nagle(), "nagle-stall");

        Assert.Equal(ClaimVerdict.Confirmed, outcome.Verdict);
        Assert.StartsWith("epoll [nodelay-off] 42.0 ms vs epoll [nodelay-on] 0.150 ms p50: 280× at 10 connections", outcome.Figure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(42_000, 6_000)] // TCP_NODELAY still slow: the stall is not gone (and the ratio is 7×)
    [InlineData(10_000, 150)] // 67× apart, but 10 ms is no delayed-ACK stall
    public void Nagle_WithoutAStallOrWithoutItsRemedy_IsNotConfirmed(double offP50, double onP50)
    {
        Assert.Equal(ClaimVerdict.NotConfirmed, Outcome(FixtureReports.Nagle(offP50, onP50), "nagle-stall").Verdict);
    }

    [Fact]
    public void Nagle_WithOneCaseOnly_IsNotMeasured()
    {
        var full = FixtureReports.Nagle();
        var onlyOn = full with { Runs = full.Runs.Where(r => r.Case == "nodelay-on").ToList() };

        Assert.Equal(ClaimVerdict.NotMeasured, Outcome(onlyOn, "nagle-stall").Verdict);
    }

    [Fact]
    public void Cork_EveryEngineNeedsFewerSegmentsCorked()
    {
        var confirmed = Outcome(FixtureReports.Cork(), "cork-segments");

        Assert.Equal(ClaimVerdict.Confirmed, confirmed.Verdict);
        Assert.Equal("epoll [split] 3.90 vs epoll [split-corked] 2.00 Segments/req: 1.95×; io_uring [split] 3.90 vs io_uring [split-corked] 2.00 Segments/req: 1.95× at 100 connections", confirmed.Figure);
        Assert.Equal(ClaimVerdict.NotConfirmed, Outcome(FixtureReports.Cork(splitSegments: 2.2), "cork-segments").Verdict);
    }

    [Fact]
    public void Cork_FromResultsWithoutSegmentCounts_IsNotMeasured()
    {
        var old = Result("cork", [Run("epoll", caseName: "split"), Run("epoll", caseName: "split-corked")]);

        Assert.Equal(ClaimVerdict.NotMeasured, Outcome(old, "cork-segments").Verdict);
    }

    [Fact]
    public void ZeroCopy_SendfileAndSpliceBeatReadWrite_InMiBPerSecondAndCpuPerMiB()
    {
        var verdicts = Verdicts(FixtureReports.File64m());

        Assert.Equal(ClaimVerdict.Confirmed, verdicts["zero-copy-throughput"]);
        Assert.Equal(ClaimVerdict.Confirmed, verdicts["zero-copy-cpu"]);
        Assert.Equal(
            "epoll [sendfile] 960 MiB/s vs epoll [readwrite] 640 MiB/s Sent: 1.50× at 4 connections; epoll [splice] 832 MiB/s vs epoll [readwrite] 640 MiB/s Sent: 1.30× at 4 connections",
            Outcome(FixtureReports.File64m(), "zero-copy-throughput").Figure);
    }

    [Fact]
    public void ZeroCopy_OnePartShort_RefutesTheClaim_AndOnePartMissing_LeavesItNotMeasured()
    {
        var spliceSlow = Verdicts(FixtureReports.File64m(spliceSpeedup: 1.05, spliceCpu: 0.95));
        var full = FixtureReports.File64m();
        var noSplice = full with { Runs = full.Runs.Where(r => r.Case != "splice").ToList() };

        Assert.Equal(ClaimVerdict.NotConfirmed, spliceSlow["zero-copy-throughput"]);
        Assert.Equal(ClaimVerdict.NotConfirmed, spliceSlow["zero-copy-cpu"]);
        Assert.Equal(ClaimVerdict.NotMeasured, Verdicts(noSplice)["zero-copy-cpu"]);
        Assert.Contains("epoll [sendfile] 0.500 ms vs epoll [readwrite] 1.00 ms CPU/MiB: 0.50×", Outcome(noSplice, "zero-copy-cpu").Figure, StringComparison.Ordinal);
    }

    [Fact]
    public void RowSelector_MatchesEngineOrVariant_AndCase()
    {
        var nagle = FixtureReports.Nagle();
        var row = EngineRow.From(nagle.Runs[0], new Inputs.ReportSource(nagle, "fixture"));

        Assert.True(new RowSelector("epoll").Matches(row));
        Assert.True(new RowSelector("*", "nodelay-off").Matches(row));
        Assert.False(new RowSelector("*", "nodelay-on").Matches(row));
        Assert.False(new RowSelector("poll").Matches(row));
        Assert.Equal("[nodelay-off]", new RowSelector("*", "nodelay-off").ToString());
        Assert.Equal("epoll [sendfile]", new RowSelector("epoll", "sendfile").ToString());
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

    private static EngineRun WithCpuPerRequest(EngineRun run, params double[] perTrial) =>
        run with { Trials = run.Trials.Select((t, i) => t with { Server = t.Server with { CpuMicrosPerRequest = perTrial[i] } }).ToList() };

    private static Dictionary<string, ClaimVerdict> Verdicts(params BenchmarkResult[] results) =>
        Evaluate(results).ToDictionary(r => r.Claim.Id, r => r.Outcome.Verdict);

    private static ClaimOutcome Outcome(BenchmarkResult result, string id) => Evaluate([result]).Single(r => r.Claim.Id == id).Outcome;

    private static IReadOnlyList<ClaimResult> Evaluate(BenchmarkResult[] results)
    {
        var scenarios = ResultGrouping.Group(results.Select(r => new Inputs.ReportSource(r, "fixture")), new List<string>());
        return ClaimCatalogue.Evaluate(ClaimCatalogue.Default, scenarios);
    }
}
