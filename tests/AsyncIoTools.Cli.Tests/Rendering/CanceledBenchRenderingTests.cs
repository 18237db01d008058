using System.Text.Json;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Results;

namespace AsyncIoTools.Cli.Tests.Rendering;

/// <summary>A run stopped by Ctrl+C after some trials: the screen shows what those trials measured.</summary>
public sealed class CanceledBenchRenderingTests
{
    [Fact]
    public void Text_CanceledAfterTwoTrials_ShowsTheMedianOfTheTwo()
    {
        var result = WithFirstRun(r => r with { Status = RunStatus.Canceled, Summary = null, Trials = r.Trials.Take(2).ToArray(), CanceledTrial = 3 });

        var row = RowOf(BenchRenderer.Render(result, null), "epoll:level");

        Assert.Contains("(canceled: 2 of 3 trials)", row, StringComparison.Ordinal);
        // The fixture's first two trials ran at 124,307 and 87,061 req/s: their median.
        Assert.Contains("105,684", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_CanceledBeforeItsFirstTrial_ShowsOnlyItsStatus()
    {
        var result = WithFirstRun(r => r with { Status = RunStatus.Canceled, Summary = null, Trials = [], CanceledTrial = 1 });

        var row = RowOf(BenchRenderer.Render(result, null), "epoll:level");

        Assert.EndsWith("canceled", row.TrimEnd(), StringComparison.Ordinal);
        Assert.DoesNotContain("trials)", row, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_CanceledAfterTwoTrials_HasTheirFiguresAndItsStatus()
    {
        var result = WithFirstRun(r => r with { Status = RunStatus.Canceled, Summary = null, Trials = r.Trials.Take(2).ToArray(), CanceledTrial = 3 });

        var csv = Rendered.Document(OutputFormat.Csv, result, BenchViews.Result(null));

        var row = csv.Split('\n').Single(l => l.StartsWith("epoll,level,", StringComparison.Ordinal));
        Assert.Contains(",Canceled,", row, StringComparison.Ordinal);
        Assert.Contains(",105684.", row, StringComparison.Ordinal);
    }

    [Fact]
    public void PointOf_CanceledRun_IsNotWrittenIntoTheResult()
    {
        // The file keeps a canceled run without a summary, so a report never takes a partial run for a whole one.
        var result = WithFirstRun(r => r with { Status = RunStatus.Canceled, Summary = null, Trials = r.Trials.Take(2).ToArray(), CanceledTrial = 3 });

        var point = BenchRenderer.PointOf(result.Runs[0], result.Scenario);

        Assert.NotNull(point);
        Assert.Equal(2, point.Trials);
        Assert.Null(result.Runs[0].Summary);
    }

    private static string RowOf(string text, string run) =>
        text.Split('\n').Single(l => l.TrimStart().StartsWith(run, StringComparison.Ordinal));

    private static BenchmarkResult WithFirstRun(Func<EngineRun, EngineRun> change)
    {
        var fixture = JsonSerializer.Deserialize(GoldenFiles.Fixture("bench.json"), ResultsJsonContext.Default.BenchmarkResult)!;
        return fixture with { Runs = [change(fixture.Runs[0]), .. fixture.Runs.Skip(1)] };
    }
}
