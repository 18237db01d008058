using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Runner;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Tests.Runner;

/// <summary>The one binder of aiotools bench and Invoke-C10kBenchmark: a value given overrides the scenario's, one left out keeps it.</summary>
public sealed class BenchmarkRequestTests
{
    [Fact]
    public void Bind_WithAScenario_KeepsItsValuesUnlessGiven()
    {
        var options = new BenchmarkRequest { Scenario = "c10k-idle", Trials = 1, Duration = TimeSpan.FromSeconds(2) }.Bind();
        var builtIn = AsyncIoTools.Benchmarks.Scenarios.ScenarioCatalog.Load("c10k-idle");
        Assert.Equal(builtIn.Connections, options.Scenario.Connections);
        Assert.Equal(builtIn.Active, options.Scenario.Active);
        Assert.Equal(1, options.Scenario.Trials);
        Assert.Equal(2, options.Scenario.DurationSeconds);
    }

    [Fact]
    public void Bind_WithoutAScenario_IsAnAdHocRunWithTheDefaults()
    {
        var options = new BenchmarkRequest { Connections = 50, Protocol = ProtocolKind.Echo }.Bind();
        Assert.Equal("bench", options.Scenario.Name);
        Assert.Equal(50, options.Scenario.Connections);
        Assert.Equal(ProtocolKind.Echo, options.Scenario.Protocol);
        Assert.Equal(new BenchmarkScenario().Trials, options.Scenario.Trials);
    }

    [Fact]
    public void Bind_SplitsEnginesAndAppliesTheVariantToThoseWithoutOne()
    {
        var options = new BenchmarkRequest { Engines = ["epoll,poll", "select:plain"], Variant = "edge", Cases = ["a,b"] }.Bind();
        Assert.Equal([new EngineSelection("epoll", "edge"), new EngineSelection("poll", "edge"), new EngineSelection("select", "plain")], options.Engines);
        Assert.Equal(["a", "b"], options.Cases!);
    }

    [Fact]
    public void Bind_RefusesAnInconsistentScenario_AsAUsageMistake()
    {
        var failure = Assert.Throws<AsyncIoToolsException>(() => new BenchmarkRequest { Connections = 10, Active = 20, Pipeline = 0 }.Bind());
        Assert.Equal(FailureKind.Usage, failure.Kind);
    }

    [Theory]
    [InlineData("connections=100,1000", "connections", 2)]
    [InlineData("message-size=64", "messageBytes", 1)]
    public void Sweep_ParsesTheCommandLineSpelling(string text, string parameter, int values)
    {
        Assert.True(ScenarioSweep.TryParse(text, out var sweep, out _));
        Assert.Equal(parameter, sweep!.Parameter);
        Assert.Equal(values, sweep.Values.Count);
    }

    [Theory]
    [InlineData("connections")]
    [InlineData("speed=1,2")]
    [InlineData("connections=a,b")]
    public void Sweep_RefusesOthers_SayingWhatIsExpected(string text)
    {
        Assert.False(ScenarioSweep.TryParse(text, out _, out var error));
        Assert.Contains("PARAMETER=V1,V2", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1:8080", "127.0.0.1:8080", null)]
    [InlineData("http://127.0.0.1:9000/plaintext", "127.0.0.1:9000", "/plaintext")]
    [InlineData("[::1]:81", "[::1]:81", null)]
    public void LoadTarget_ReadsAddressesAndUrls(string text, string endPoint, string? path)
    {
        Assert.True(LoadTarget.TryParse(text, out var parsed, out var parsedPath));
        Assert.Equal(endPoint, parsed.ToString());
        Assert.Equal(path, parsedPath);
    }

    [Theory]
    [InlineData("localhost:80")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:70000")]
    public void LoadTarget_RefusesNames_AndBadPorts(string text) => Assert.False(LoadTarget.TryParse(text, out _, out _));
}
