using AsyncIoTools.Benchmarks.Results;

namespace AsyncIoTools.Reports.Tests;

/// <summary>The slowloris scenario's table: each engine's honest clients with and without slow ones, and what the slow ones met.</summary>
public sealed class SlowClientsTableTests
{
    [Fact]
    public void Report_SlowlorisResult_ShowsHonestFiguresWithAndWithoutAndTheSlowClientsCloses()
    {
        var slow = new SlowClientReport(2000, 5, 4100, 2100, 100, 30.2, 30.8, 31.1, 2000, 0);
        var result = FixtureResults.Result(
            "slowloris",
            [
                FixtureResults.Run("epoll", "level", connections: 100, requestsPerSecond: 90_000, p99Micros: 800) with { Case = "without" },
                FixtureResults.Run("epoll", "level", connections: 100, requestsPerSecond: 85_000, p99Micros: 950) with { Case = "slow-2000", SlowClients = slow },
            ],
            shape: s => s with { Cases = [new ScenarioCase { Name = "without" }, new ScenarioCase { Name = "slow-2000", SlowClients = 2000 }] });
        using var runs = new ReportFixtureRuns();

        var report = runs.Make(ReportFixtureRuns.Objects(result) with { Exporter = ReportFixtureRuns.Plain });

        Assert.Contains("### Slow clients", report.Markdown, StringComparison.Ordinal);
        var table = RenderedTable.Parse(report.Markdown).Single(t => t.Headers.Contains("Closed by server"));
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal(["epoll:level", "without", "90.0", "800", "0", "–", "–", "–", "–", "–", "–"], table.Rows[0]);
        Assert.Equal(["epoll:level", "slow-2000", "85.0", "950", "2,000", "4,100", "2,100", "100", "30.2", "30.8", "2,000"], table.Rows[1]);
    }
}
