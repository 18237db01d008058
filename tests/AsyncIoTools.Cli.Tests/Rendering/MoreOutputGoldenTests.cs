using System.Text.Json;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Engines.Contract;
using Xunit;

namespace AsyncIoTools.Cli.Tests.Rendering;

public sealed class MoreOutputGoldenTests
{
    private static IReadOnlyList<EngineVariantInfo> Engines =>
    [
        new EngineVariantInfo("epoll", "level", true, null, "epoll_wait, level-triggered", true),
        new EngineVariantInfo("iouring", "sqpoll", false, "SQPOLL needs CAP_SYS_NICE", "a kernel thread polls the submission queue", false),
    ];

    [Fact]
    public void Engines_Json() => GoldenFiles.Check("engines.json", JsonSerializer.Serialize(Engines, CliJsonContext.Default.IReadOnlyListEngineVariantInfo) + "\n");

    [Fact]
    public void Scenarios_Json() => GoldenFiles.Check("scenarios.json", JsonSerializer.Serialize(ScenarioCatalog.BuiltIn, CliJsonContext.Default.IReadOnlyListBenchmarkScenario) + "\n");

    [Fact]
    public void Diagnose_Json() => GoldenFiles.Check("diagnose.json", JsonReport.Serialize(OutputSamples.Diagnosis) + "\n");

    [Fact]
    public void Diagnose_Text() => GoldenFiles.Check("diagnose.txt", DiagnosisTextRenderer.Render(OutputSamples.Diagnosis) + "\n");

    [Fact]
    public void LagFleet_JsonLine() => GoldenFiles.Check("lag-fleet-interval.jsonl", JsonReport.Serialize(new { processId = 4242, name = "shop", interval = OutputSamples.Lag.Intervals[0] }, indented: false) + "\n");

    [Fact]
    public void LagFleet_Json() => GoldenFiles.Check("lag-fleet.json", JsonReport.Serialize(new { targets = new[] { OutputSamples.Lag } }, indented: true) + "\n");

    [Fact]
    public void Watch_IncidentLine() => GoldenFiles.Check("watch-incident.jsonl", JsonReport.Serialize(IncidentTextRenderer.Summary(OutputSamples.Incident), indented: false) + "\n");
}
