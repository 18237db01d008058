using System.Net;
using System.Text.Json;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Tests.Hdr;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Tests.Results;

public sealed class IntervalLogTests
{
    [Theory]
    [InlineData(null)]
    [InlineData(2000.0)]
    public async Task LoadLog_ReadByHdrHistogramJs_HasTheJsonsCountMaxAndPercentiles(double? rate)
    {
        var engine = EngineRegistry.Default.Create(new ServerSettings { Protocol = ProtocolSettings.Http, Loops = 1, Endpoint = new IPEndPoint(IPAddress.Loopback, 0) });
        engine.Start();
        await using var _ = engine;
        var options = new LoadOptions { Target = engine.LocalEndPoint, Warmup = TimeSpan.Zero, Connections = 20, Rate = rate, Duration = TimeSpan.FromSeconds(2.5), Threads = 1 };
        var report = await LoadTest.RunAsync(options, "aiotools load", CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("aiotools-hlog-").FullName;
        var path = IntervalLogs.WriteLoad(report, Path.Combine(folder, "load.hlog"));

        // Compared with the JSON as a user would read it, not with our objects.
        var json = JsonDocument.Parse(JsonSerializer.Serialize(report, ResultsJsonContext.Default.LoadReport)).RootElement.GetProperty("measurement");
        var ours = json.GetProperty(rate is null ? "latency" : "correctedLatency");
        var read = HdrHistogramJs.Summarize(path);
        var all = read.GetProperty("tags").GetProperty(string.Empty);

        Assert.InRange(read.GetProperty("intervals").GetInt32(), 3, 4);
        Assert.True(ours.GetProperty("count").GetInt64() > 100);
        Assert.Equal(ours.GetProperty("count").GetInt64(), all.GetProperty("count").GetInt64());
        Assert.True(HdrHistogramJs.SameBucket(all.GetProperty("max"), ours.GetProperty("maxMicros").GetDouble()));
        Assert.True(HdrHistogramJs.SameBucket(all.GetProperty("p50"), ours.GetProperty("p50Micros").GetDouble()), "p50");
        Assert.True(HdrHistogramJs.SameBucket(all.GetProperty("p99"), ours.GetProperty("p99Micros").GetDouble()), "p99");
        Assert.True(HdrHistogramJs.SameBucket(all.GetProperty("p999"), ours.GetProperty("p999Micros").GetDouble()), "p99.9");
        // The Interval_Max column is exact (to the µs it is written with).
        Assert.Equal(ours.GetProperty("maxMicros").GetDouble(), all.GetProperty("intervalMaxMs").GetDouble() * 1000, 1.0);
    }

    [Fact]
    public async Task BenchLog_BesideTheResult_HasOneTagPerTrial_WithEachTrialsFigures()
    {
        var scenario = new BenchmarkScenario { Name = "hlog", Connections = 10, DurationSeconds = 1.5, WarmupSeconds = 0.2, Trials = 2 };
        var result = await global::AsyncIoTools.Benchmarks.Runner.BenchmarkRunner.RunAsync(new global::AsyncIoTools.Benchmarks.Runner.BenchmarkOptions { Engines = [new global::AsyncIoTools.Benchmarks.Runner.EngineSelection("epoll")], Scenario = scenario, Pin = false }, null, CancellationToken.None);
        var folder = Directory.CreateTempSubdirectory("aiotools-benchlog-").FullName;
        var json = ResultFiles.Write(result, folder);
        var path = IntervalLogs.WriteBench(result, IntervalLogs.Beside(json));

        Assert.Equal(Path.ChangeExtension(json, ".hlog"), path);
        var read = HdrHistogramJs.Summarize(path);
        var trials = JsonDocument.Parse(File.ReadAllText(json)).RootElement.GetProperty("runs")[0].GetProperty("trials");
        Assert.Equal(2, trials.GetArrayLength());
        foreach (var trial in trials.EnumerateArray())
        {
            var ours = trial.GetProperty("client").GetProperty("latency");
            var tag = read.GetProperty("tags").GetProperty($"epoll:level/trial-{trial.GetProperty("index").GetInt32()}");
            Assert.InRange(tag.GetProperty("lines").GetInt32(), 2, 3);
            Assert.Equal(ours.GetProperty("count").GetInt64(), tag.GetProperty("count").GetInt64());
            Assert.True(HdrHistogramJs.SameBucket(tag.GetProperty("p99"), ours.GetProperty("p99Micros").GetDouble()), "p99");
            Assert.True(HdrHistogramJs.SameBucket(tag.GetProperty("max"), ours.GetProperty("maxMicros").GetDouble()), "max");
        }
    }

    /// <summary>
    /// Readers of the format stop at the first interval past the range asked for, so a log must not go back in time.
    /// An interleaved result's runs hold trials measured round by round: written run after run, epoll's trial 2
    /// would come before poll's trial 1.
    /// </summary>
    [Fact]
    public async Task BenchLog_OfAnInterleavedRun_IsInTimeOrderAcrossRuns()
    {
        var scenario = new BenchmarkScenario { Name = "hlog", Connections = 10, DurationSeconds = 1.2, WarmupSeconds = 0, Trials = 2 };
        var options = new global::AsyncIoTools.Benchmarks.Runner.BenchmarkOptions
        {
            Engines = [new global::AsyncIoTools.Benchmarks.Runner.EngineSelection("epoll"), new global::AsyncIoTools.Benchmarks.Runner.EngineSelection("poll")],
            Scenario = scenario,
            Pin = false,
            Interleave = true,
        };
        var result = await global::AsyncIoTools.Benchmarks.Runner.BenchmarkRunner.RunAsync(options, null, CancellationToken.None);
        var path = IntervalLogs.WriteBench(result, Path.Combine(Directory.CreateTempSubdirectory("aiotools-benchlog-").FullName, "interleaved.hlog"));

        var intervals = File.ReadLines(path)
            .Where(l => l.StartsWith("Tag=", StringComparison.Ordinal))
            .Select(l => l.Split(','))
            .Select(f => (Tag: f[0][4..], Start: double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.Equal(["epoll:level/trial-1", "poll:level/trial-1", "poll:level/trial-2", "epoll:level/trial-2"], intervals.Select(i => i.Tag).Distinct());
        Assert.Equal(intervals.Select(i => i.Start).Order(), intervals.Select(i => i.Start));
    }

    [Fact]
    public void AnExistingLog_IsNeverReplaced()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "precious");

        var failure = Assert.Throws<AsyncIoToolsException>(() => IntervalLogs.CheckWritable(path));

        Assert.Equal(FailureKind.Usage, failure.Kind);
        Assert.Equal("precious", File.ReadAllText(path));
    }
}
