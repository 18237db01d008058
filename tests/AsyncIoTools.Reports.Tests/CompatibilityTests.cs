using AsyncIoTools.Reports.Claims;
using AsyncIoTools.Reports.Inputs;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Tests;

/// <summary>
/// Result files written before the scenario catalogue (no case, sweep, system or kernel-memory fields; the committed
/// Fixtures/sample-bench.json is one) still read, group and render as they did; so does a catalogue result file
/// written before the records moved into the results contract (Fixtures/catalogue-c100k.json). Their rendered
/// reports are goldens too (GoldenFileTests "sample" and "catalogue").
/// </summary>
public sealed class CompatibilityTests : IDisposable
{
    private readonly ReportFixtureRuns _runs = new();

    [Fact]
    public void OldResultFile_HasNoneOfTheNewFields()
    {
        var json = File.ReadAllText(FixturePaths.Sample);

        Assert.DoesNotContain("\"case\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"sweepParameter\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"system\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"segmentsPerRequest\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void OldResultFile_GroupsAsTheDefaultCase_AtAPointOfItsConnections_WithoutASweep()
    {
        var result = ResultFiles.Read(FixturePaths.Sample);
        var warnings = new List<string>();
        var group = ResultGrouping.Group([new ReportSource(result, "sample")], warnings).Single();

        Assert.Empty(warnings);
        Assert.Equal(SweepAxis.None, group.Axis);
        Assert.Empty(group.Varying);
        var point = Assert.Single(group.Points);
        Assert.Equal(new PointSettings(1_000, 1_000, null, 1, 64), point.Settings);
        Assert.False(point.HasCases);
        Assert.Equal(["epoll:level", "epoll:edge"], point.Rows.Select(r => r.Label));
        Assert.All(point.Rows, r => Assert.Equal(ScenarioCase.Default.Name, r.Case));
        Assert.All(point.Rows, r => Assert.Null(r.Figure(ReportMetrics.SegmentsPerRequest)));
        Assert.All(point.Rows, r => Assert.NotNull(r.Figure(ReportMetrics.RampTime)));
    }

    [Fact]
    public void OldResultFile_RendersWithoutCaseColumn_ItsMemoryInTheHoldingTable_AndNoOtherLoadWarning()
    {
        var report = _runs.Make(new ReportOptions { Paths = [FixturePaths.Sample] });
        var tables = RenderedTable.Parse(report.Markdown);
        var medians = tables.First(t => t.Headers[0] == "Engine" && t.Headers[1].StartsWith("Throughput", StringComparison.Ordinal));
        var held = tables.Single(t => t.Headers.Contains("Opened"));

        Assert.DoesNotContain("Case", medians.Headers);
        Assert.DoesNotContain(medians.Headers, h => h.StartsWith("RSS/conn", StringComparison.Ordinal));
        Assert.Equal(["Engine", "Connections", "Opened", "Ramp (ms)", "RSS/conn (B)"], held.Headers);
        Assert.Equal(["epoll:level", "1,000", "1,000", "33.3", "160"], held.Row("epoll:level"));
        Assert.DoesNotContain("The machine was not quiet", report.Markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Other CPU", report.Markdown, StringComparison.Ordinal);
        Assert.All(report.Claims, c => Assert.Equal(ClaimVerdict.NotMeasured, c.Outcome.Verdict));
    }

    [Fact]
    public void CatalogueResultFile_ReadsEveryFieldItWasWrittenWith()
    {
        var result = ResultFiles.Read(FixturePaths.Catalogue);

        Assert.Equal(BenchmarkResult.CurrentSchema, result.Schema);
        Assert.Equal(["epoll", "io_uring"], result.Runs.Select(r => r.Engine));
        Assert.NotEmpty(result.Preflight);
        Assert.All(result.Runs, run =>
        {
            Assert.Equal(RunStatus.Completed, run.Status);
            Assert.Equal(3, run.Trials.Count);
            Assert.NotNull(run.Ramp);
            Assert.NotNull(run.Memory);
            Assert.All(run.Trials, t =>
            {
                Assert.True(t.Client.Requests > 0 && t.Counters.Requests > 0 && t.Server.CpuMicrosPerRequest > 0);
                Assert.NotNull(t.System);
                Assert.NotEmpty(t.Counters.Syscalls);
            });
        });
        Assert.NotEmpty(result.Summary);
    }

    [Fact]
    public void ResultFileFromBeforeCases_ReadsEveryRunAsTheDefaultCase()
    {
        Assert.DoesNotContain("\"case\"", File.ReadAllText(FixturePaths.Sample), StringComparison.Ordinal);

        var result = ResultFiles.Read(FixturePaths.Sample);

        Assert.NotEmpty(result.Runs);
        Assert.All(result.Runs, run => Assert.Equal(ScenarioCase.Default.Name, run.Case));
        Assert.Equal(ScenarioCase.Default.Name, new EngineRun { Engine = "epoll", Status = RunStatus.Completed, Case = null! }.Case);
    }

    [Fact]
    public void CatalogueResultFile_RoundTripsThroughTheContract_ToTheSameJson()
    {
        var original = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(FixturePaths.Catalogue))!;
        var rewritten = System.Text.Json.Nodes.JsonNode.Parse(ResultFiles.Serialize(ResultFiles.Read(FixturePaths.Catalogue)))!;

        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(original, rewritten), "the contract dropped or changed a field of a catalogue result file");
    }

    public void Dispose() => _runs.Dispose();
}
