using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Tests.Conformance;
using AsyncIoTools.Results;

namespace AsyncIoTools.Engines.Tests.Runner;

/// <summary>
/// The slowloris scenario end to end: slow clients beside the load, closed by the server at its head timeout and
/// reported; and every run records the server's descriptors and threads before the load and after it left.
/// </summary>
public sealed class SlowlorisRunTests
{
    [Fact]
    public void Catalogue_Slowloris_ComparesTheHonestClientsWithAndWithout2000SlowOnes()
    {
        var scenario = ScenarioCatalog.Load("slowloris");

        Assert.Equal(100, scenario.Connections);
        Assert.Equal([null, 2000], scenario.Cases!.Select(c => c.SlowClients));
        Assert.True(scenario.WarmupSeconds + (scenario.Trials * scenario.DurationSeconds) > ServerLimits.Default.HeadTimeout.TotalSeconds, "the run is too short for the head timeout to close a slow client");
    }

    [Fact]
    public async Task Swarm_AgainstAServerWithAShortHeadTimeout_IsClosedAtItAndReopens()
    {
        await using var server = await ServerUnderTest.StartAsync(
            new EngineCase("epoll", "level"),
            configure: s => s with { Limits = ServerLimits.Default with { HeadTimeout = TimeSpan.FromSeconds(1) } });
        using var swarm = new SlowClientSwarm(server.EndPoint, 20, TimeSpan.FromMilliseconds(200));

        swarm.Start();
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var report = swarm.Stop();

        Assert.True(report.ClosedByServer >= 20, $"{report.ClosedByServer} closed by the server");
        Assert.True(report.Opened > 20, $"{report.Opened} opened: the closed ones open again");
        Assert.InRange(report.MedianSecondsToClose!.Value, 0.9, 2.5);
        Assert.Equal(0, report.ClosedWithinOneSecond);
        Assert.True((await server.CountersAsync()).Limits.HeadTimeout >= 20);
    }

    [Fact]
    public async Task Bench_SlowlorisCase_ReportsTheSlowClientsAndTheServerBackAtItsBaseline()
    {
        var request = new BenchmarkRequest
        {
            Scenario = "slowloris",
            Engines = ["epoll"],
            Connections = 10,
            Duration = TimeSpan.FromSeconds(1.5),
            Warmup = TimeSpan.Zero,
            Trials = 1,
            Limits = ["headTimeout=1s"],
            Pin = false,
            Launch = EngineCase.Launch(),
        };
        var options = request.Bind();
        var scenario = options.Scenario with
        {
            Cases = [options.Scenario.Cases![0], options.Scenario.Cases[1] with { SlowClients = 30, SlowClientIntervalSeconds = 0.2 }],
        };

        var result = await BenchmarkRunner.RunAsync(options with { Scenario = scenario }, progress: null, CancellationToken.None);

        Assert.Equal(1, result.Scenario.Limits!.HeadTimeoutSeconds);
        var (without, with) = (result.Runs[0], result.Runs[1]);
        Assert.All(result.Runs, run => Assert.Equal(RunStatus.Completed, run.Status));
        Assert.Null(without.SlowClients);
        Assert.True(with.SlowClients!.ClosedByServer >= 30, $"{with.SlowClients.ClosedByServer} slow clients closed by the server");
        Assert.All(result.Runs, run =>
        {
            Assert.NotNull(run.Resources);
            Assert.Null(run.Resources.Leak);
            Assert.True(run.Resources.KernelObjectsAfter <= run.Resources.KernelObjectsIdle, $"{run.Resources.KernelObjectsAfter} kernel objects after, {run.Resources.KernelObjectsIdle} before");
        });
        Assert.True(with.Summary!.RequestsPerSecond > 0);
    }

    [Theory]
    [InlineData("headTimeout=10s", "HeadTimeoutSeconds", 10.0)]
    [InlineData("keepAliveTimeout=500ms", "KeepAliveTimeoutSeconds", 0.5)]
    [InlineData("MAXCONNECTIONS=1000", "MaxConnections", 1000.0)]
    [InlineData("maxBodyBytes=0", "MaxBodyBytes", 0.0)]
    public void Limits_NameEqualsValue_SetsThatLimitOnly(string assignment, string property, double expected)
    {
        var limits = ScenarioLimits.Parse([assignment]);

        var value = typeof(ScenarioLimits).GetProperty(property)!.GetValue(limits);
        Assert.Equal(expected, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1, typeof(ScenarioLimits).GetProperties(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public).Count(p => p.Name != nameof(ScenarioLimits.IsEmpty) && p.GetValue(limits) is not null));
    }

    [Theory]
    [InlineData("headTime=10s", "no limit 'headTime'")]
    [InlineData("headTimeout=soon", "'soon' is not a duration")]
    [InlineData("maxConnections=-1", "'-1' is not a whole number")]
    public void Limits_BadAssignment_IsAUsageErrorNamingIt(string assignment, string message)
    {
        var failure = Assert.Throws<AsyncIoTools.Failures.AsyncIoToolsException>(() => ScenarioLimits.Parse([assignment]));

        Assert.Equal(AsyncIoTools.Failures.FailureKind.Usage, failure.Kind);
        Assert.Contains(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioFile_LimitOutOfRange_IsRefusedNamingTheField()
    {
        var failure = Assert.Throws<AsyncIoTools.Failures.AsyncIoToolsException>(() =>
            ScenarioCatalog.Parse("{ \"version\": 1, \"name\": \"x\", \"limits\": { \"maxHeadBytes\": 10 } }", "x.json"));

        Assert.Contains("x.json: limits: max head bytes must be 64 to 1 MiB (got 10)", failure.Message, StringComparison.Ordinal);
    }
}
