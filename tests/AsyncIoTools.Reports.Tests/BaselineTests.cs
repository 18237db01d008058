using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Failures;
using AsyncIoTools.Reports.Baselines;
using AsyncIoTools.Reports.Model;
using static AsyncIoTools.Reports.Tests.FixtureResults;

namespace AsyncIoTools.Reports.Tests;

public sealed class BaselineTests : IDisposable
{
    private readonly ReportFixtureRuns _runs = new();

    /// <summary>c10k where epoll:edge got 30% slower at p99 and 20% dearer in CPU, with tight trials, and gained errors.</summary>
    public static BenchmarkResult Slower(double spread = 0.02) => Result("c10k", [
        Run("poll", connections: 10_000, requestsPerSecond: 40_000, p99Micros: 9_000, cpuMicros: 30, syscalls: 2.1, rssPerConnection: 180),
        Run("epoll", "level", 10_000, requestsPerSecond: 118_000, p99Micros: 3_000, cpuMicros: 7.5, syscalls: 2.0, spread: 0.2),
        Run("epoll", "edge", 10_000, requestsPerSecond: 117_000, p99Micros: 3_100 * 1.3, cpuMicros: 7.0 * 1.2, syscalls: 3.0, spread: spread, errors: 5),
        Run("io_uring", connections: 10_000, requestsPerSecond: 119_000, p99Micros: 2_900, cpuMicros: 6.0 * 0.7, syscalls: 0.5, rssPerConnection: 150),
    ], started: Start.AddDays(1));

    [Fact]
    public void SameResults_AsTheirOwnBaseline_ChangeNothing()
    {
        var report = _runs.Make(ReportFixtureRuns.Objects(FixtureReports.C10k()) with { BaselineResults = [FixtureReports.C10k()] });

        Assert.Empty(report.Regressions);
        Assert.All(report.Model.Baseline!.Rows.SelectMany(r => r.Changes), c => Assert.Equal(ChangeVerdict.Unchanged, c.Verdict));
        Assert.Equal(4, report.Model.Baseline.Rows.Count);
    }

    [Fact]
    public void WorseFigures_WithTightTrials_AreRegressions()
    {
        var report = _runs.Make(ReportFixtureRuns.Objects(Slower()) with { BaselineResults = [FixtureReports.C10k()] });

        var regressed = report.Regressions.Select(r => (r.Row.Engine, r.Change.Metric.Key)).ToList();
        Assert.Contains(("epoll:edge", ReportMetrics.P99.Key), regressed);
        Assert.Contains(("epoll:edge", ReportMetrics.CpuPerRequest.Key), regressed);
        Assert.Contains(("epoll:edge", ReportMetrics.Errors.Key), regressed);
        Assert.DoesNotContain(report.Regressions, r => r.Row.Engine != "epoll:edge");
        var improved = report.Model.Baseline!.Rows.Single(r => r.Engine == "io_uring").Changes.Single(c => c.Metric == ReportMetrics.CpuPerRequest);
        Assert.Equal(ChangeVerdict.Improved, improved.Verdict);
        Assert.Contains("**Regression**: epoll:edge in c10k at 10,000 connections: 99th percentile latency", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void WorseFigures_WithinTheTrialsSpread_AreNotRegressions()
    {
        var report = _runs.Make(ReportFixtureRuns.Objects(Slower(spread: 0.6)) with { BaselineResults = [Slower(spread: 0.6)] });
        var noisy = _runs.Make(ReportFixtureRuns.Objects(Slower(spread: 0.6)) with { BaselineResults = [FixtureReports.C10k()] }, "noisy");

        Assert.Empty(report.Regressions);
        var p99 = noisy.Model.Baseline!.Rows.Single(r => r.Engine == "epoll:edge").Changes.Single(c => c.Metric == ReportMetrics.P99);
        Assert.True(p99.Allowance > 0.3, $"the allowance {p99.Allowance} should widen past the 30% change");
        Assert.Equal(ChangeVerdict.Unchanged, p99.Verdict);
    }

    [Fact]
    public void RegressionFailure_IsRaisedOnlyWhenAskedFor()
    {
        var options = ReportFixtureRuns.Objects(Slower()) with { BaselineResults = [FixtureReports.C10k()] };
        var report = _runs.Make(options);

        Assert.Null(report.RegressionFailure(options));
        var failure = report.RegressionFailure(options with { FailOnRegression = true });
        Assert.NotNull(failure);
        Assert.Equal(FailureKind.ThresholdExceeded, failure.Kind);
        Assert.StartsWith("5 regression(s) against the baseline: epoll:edge c10k", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_FromAnotherMachine_IsSaid()
    {
        var elsewhere = Result("c10k", FixtureReports.C10k().Runs.ToList(), Machine("other-host"));
        var report = _runs.Make(ReportFixtureRuns.Objects(FixtureReports.C10k()) with { BaselineResults = [elsewhere] });

        Assert.Contains(report.Model.Baseline!.Caveats, c => c.Contains("different machines", StringComparison.Ordinal));
        Assert.Contains("> ⚠ the baseline and the current results come from different machines", report.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_MeasuredInTurnAgainstAnInterleavedRun_IsSaid_AndTwoAlikeAreNot()
    {
        var interleaved = _runs.Make(ReportFixtureRuns.Objects(FixtureReports.C10k() with { Interleaved = true }) with { BaselineResults = [FixtureReports.C10k()] });
        var alike = _runs.Make(ReportFixtureRuns.Objects(FixtureReports.C10k()) with { BaselineResults = [FixtureReports.C10k()] });

        Assert.Contains(interleaved.Model.Baseline!.Caveats, c => c.StartsWith("the baseline's trials were measured in turn and the current ones interleaved", StringComparison.Ordinal));
        Assert.Empty(alike.Model.Baseline!.Caveats);
    }

    [Fact]
    public void RowsOnOneSideOnly_AreListed()
    {
        var current = Result("c10k", [Run("epoll", "level", 10_000), Run("io_uring", connections: 10_000)]);
        var baseline = Result("c10k", [Run("epoll", "level", 10_000), Run("poll", connections: 10_000)]);
        var comparison = _runs.Make(ReportFixtureRuns.Objects(current) with { BaselineResults = [baseline] }).Model.Baseline!;

        Assert.Equal(["poll in c10k at 10,000 connections"], comparison.OnlyInBaseline);
        Assert.Equal(["io_uring in c10k at 10,000 connections"], comparison.OnlyInCurrent);
    }

    public void Dispose() => _runs.Dispose();
}
