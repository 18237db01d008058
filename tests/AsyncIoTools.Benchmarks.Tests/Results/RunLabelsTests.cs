using System.Globalization;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Tests.Results;

public sealed class RunLabelsTests
{
    private static readonly EngineRun Swept = new() { Status = RunStatus.Completed, Engine = "epoll", Variant = "level", Case = "pipelined", SweepParameter = "ratio", SweepValue = 0.5 };

    [Fact]
    public void Of_ADefaultRun_IsTheEngineAndVariantAlone()
    {
        Assert.Equal("epoll:level", RunLabels.Of(new EngineRun { Status = RunStatus.Completed, Engine = "epoll", Variant = "level" }));
        Assert.Equal("dotnet", RunLabels.Of(new EngineRun { Status = RunStatus.Completed, Engine = "dotnet" }));
    }

    [Fact]
    public void Of_NamesTheCaseAndTheSweepsValue_InTheInvariantCulture()
    {
        var before = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ","; // as de-DE's; the tests run without ICU, so built from the invariant one
        CultureInfo.CurrentCulture = comma;
        try
        {
            Assert.Equal("epoll:level [pipelined] ratio=0.5", RunLabels.Of(Swept));
            Assert.Equal("epoll:level[pipelined][ratio=0.5]", RunLabels.Tag(Swept));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void Tag_HasNoSpaceOrComma_WhichEndAHistogramLogsTag()
    {
        Assert.DoesNotContain(' ', RunLabels.Tag(Swept));
        Assert.DoesNotContain(',', RunLabels.Tag(Swept));
    }

    [Fact]
    public void ARunsLabel_MatchesThePointItWasRunAt()
    {
        // The runner finds a point's run by its label (IdleHold): the two must be composed alike.
        var point = new RunPoint(new BenchmarkScenario(), new ScenarioCase { Name = "pipelined" }, "epoll", "level", "ratio", 0.5);

        Assert.Equal(RunLabels.Of(Swept), point.Label);
        Assert.Equal(RunLabels.Of(Swept with { Case = string.Empty }), (point with { Case = ScenarioCase.Default }).Label);
    }
}
