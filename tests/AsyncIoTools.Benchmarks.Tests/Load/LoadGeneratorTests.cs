using System.Net;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Tests.Load;

public sealed class LoadGeneratorTests
{
    [Fact]
    public async Task ClosedLoop_AgainstTheEpollEngine_EveryAnswerIsCountedAndTimed()
    {
        await using var server = StartEngine(ProtocolSettings.Http);
        using var generator = new LoadGenerator(new LoadOptions { Target = server.LocalEndPoint, Warmup = TimeSpan.Zero, Connections = 50, Duration = TimeSpan.FromSeconds(1), Threads = 2 });

        var (ramp, sample) = await generator.RunAsync(CancellationToken.None);

        Assert.Equal((50, 50), (ramp.Requested, ramp.Connected));
        Assert.True(sample.Requests > 0);
        Assert.Equal(0, sample.Errors.Total);
        Assert.Equal(sample.Requests, sample.Latency.TotalCount);
        Assert.Equal(50, sample.OpenConnections);
        Assert.Null(sample.CorrectedLatency);
        Assert.True(server.ReadCounters().Requests >= sample.Requests);
    }

    [Fact]
    public async Task BodiesLargerThanTheReadBuffer_AreCountedWhole_AndTheNextAnswerIsReadInStep()
    {
        // Bodies past the read buffer are dropped in the kernel (MSG_TRUNC), not copied: a miscount of even one
        // byte would shift the next head and show as bad responses.
        await using var server = new ScriptedHttpServer(bodyBytes: (1 << 20) + 3);
        using var generator = new LoadGenerator(new LoadOptions { Target = server.EndPoint, Warmup = TimeSpan.Zero, Connections = 3, Duration = TimeSpan.FromSeconds(1), Threads = 1 });

        var (_, sample) = await generator.RunAsync(CancellationToken.None);

        Assert.Equal(0, sample.Errors.Total);
        Assert.True(sample.Requests >= 3, $"{sample.Requests} answers");
        Assert.Equal(sample.Requests, sample.Latency.TotalCount);
        Assert.InRange(sample.BytesReceived, (sample.Requests - 3) * (long)server.ResponseBytes, (sample.Requests + 3) * (long)server.ResponseBytes);
        Assert.True(server.RequestsByConnection.Values.Sum() >= sample.Requests);
    }

    [Fact]
    public async Task IdleConnections_AreOpenedButNeverSendAnything()
    {
        await using var server = new ScriptedHttpServer();
        using var generator = new LoadGenerator(new LoadOptions { Target = server.EndPoint, Warmup = TimeSpan.Zero, Connections = 40, Active = 10, Duration = TimeSpan.FromSeconds(1), Threads = 2 });

        var (ramp, sample) = await generator.RunAsync(CancellationToken.None);

        Assert.Equal(40, ramp.Connected);
        Assert.True(sample.Requests > 0);
        Assert.Equal(40, server.RequestsByConnection.Count);
        Assert.Equal(10, server.RequestsByConnection.Values.Count(n => n > 0));
        Assert.Equal(30, server.RequestsByConnection.Values.Count(n => n == 0));
        Assert.Equal(0, sample.IdleClosedByServer);
        Assert.Null(sample.IdleClosedMeanOpenSeconds);
    }

    [Fact]
    public async Task IdleConnections_ClosedByTheServerAtItsHeadTimeout_AreCountedApartAndOpenedAgain()
    {
        await using var server = StartEngine(ProtocolSettings.Http, ServerLimits.Default with { HeadTimeout = TimeSpan.FromSeconds(1) });
        using var generator = new LoadGenerator(new LoadOptions { Target = server.LocalEndPoint, Warmup = TimeSpan.Zero, Connections = 10, Active = 2, Duration = TimeSpan.FromSeconds(2.5), Threads = 1 });

        var (_, sample) = await generator.RunAsync(CancellationToken.None);

        // Each of the 8 idle ones is closed at least once in 2.5 s; the 2 active ones never (they send at once).
        Assert.InRange(sample.IdleClosedByServer, 8, sample.Reconnects);
        Assert.True(sample.IdleClosedMeanOpenSeconds > 0.5, $"open {sample.IdleClosedMeanOpenSeconds} s on average: the server's head timeout is 1 s, not a refusal at once");
        Assert.Equal(0, sample.Errors.Total);
        Assert.True(server.ReadCounters().Limits.HeadTimeout >= sample.IdleClosedByServer, "the server closed fewer at its head timeout than the load counted");
    }

    [Fact]
    public async Task ConnectionsRefusedAtTheServersLimit_AreOpenedAgainAfterABackOff_NotInATightLoop()
    {
        // The server holds 2 of the 6 connections and closes the rest at once. Reopening those at once spun the
        // load's thread: 80,896 reopens in 3 s against a limit of 4. Backing off 20 ms, 40 ms … up to 1 s lets each
        // refused one try about 8 times in the ramp and 2 s.
        await using var server = StartEngine(ProtocolSettings.Http, ServerLimits.Default with { MaxConnections = 2 });
        using var generator = new LoadGenerator(new LoadOptions { Target = server.LocalEndPoint, Warmup = TimeSpan.Zero, Connections = 6, Active = 2, Duration = TimeSpan.FromSeconds(2), Threads = 1 });

        var (_, sample) = await generator.RunAsync(CancellationToken.None);

        var refused = server.ReadCounters().Limits.MaxConnections;
        Assert.InRange(refused, 4, 4 * 12);
        Assert.InRange(sample.Reconnects, 1, 4 * 12);
        Assert.True(sample.IdleClosedByServer == 0 || sample.IdleClosedMeanOpenSeconds < 1, $"open {sample.IdleClosedMeanOpenSeconds} s on average before the refusal: a timeout's 30 s, not a refusal");
    }

    [Fact]
    public async Task ConstantRate_NeverExceedsTheRateAndCorrectedLatencyDominatesRaw()
    {
        await using var server = StartEngine(ProtocolSettings.Http);
        var options = new LoadOptions { Target = server.LocalEndPoint, Warmup = TimeSpan.Zero, Connections = 10, Rate = 400, Duration = TimeSpan.FromSeconds(1.5), Threads = 1 };
        using var generator = new LoadGenerator(options);

        var (_, sample) = await generator.RunAsync(CancellationToken.None);

        // A slow machine sends fewer; nothing may make it send more than the schedule allows.
        Assert.InRange(sample.Requests, 1, (long)(400 * sample.Duration.TotalSeconds * 1.1) + 10);
        var corrected = Assert.IsType<AsyncIoTools.Measurement.LatencyHistogram>(sample.CorrectedLatency);
        Assert.Equal(sample.Requests, corrected.TotalCount);
        foreach (var percentile in new[] { 50.0, 90, 99, 100 })
        {
            var raw = sample.Latency.ValueAtPercentile(percentile);
            Assert.True(corrected.ValueAtPercentile(percentile) >= raw - (raw / 128) - 1, $"p{percentile}");
        }
    }

    [Fact]
    public async Task ConstantRate_ControllerResumedLate_TheSampleSpansWhatTheWorkersCounted()
    {
        // The worker counts into a window from the moment it takes it; the controller, told of that by polling, was
        // 0.6 s late. Timed by the controller, the sample would span 1 s of 1.6 s of answers: 1.6 times the rate.
        await using var server = StartEngine(ProtocolSettings.Http);
        using var generator = new LoadGenerator(new LoadOptions { Target = server.LocalEndPoint, Warmup = TimeSpan.Zero, Connections = 10, Rate = 400, Duration = TimeSpan.FromSeconds(1), Threads = 1 });
        await generator.ConnectAsync(CancellationToken.None);

        var sample = await new LatePostingContext(TimeSpan.FromMilliseconds(600)).Run(() => generator.MeasureAsync(TimeSpan.FromSeconds(1), CancellationToken.None));

        Assert.True(sample.Duration >= TimeSpan.FromSeconds(1.5), $"the sample spans {sample.Duration.TotalSeconds:0.000} s");
        Assert.InRange(sample.Requests, 1, (long)(400 * sample.Duration.TotalSeconds * 1.1) + 10);
    }

    [Fact]
    public async Task OneRequestPerConnection_ReconnectsEachTimeWithoutErrors()
    {
        await using var server = StartEngine(ProtocolSettings.Http);
        using var generator = new LoadGenerator(new LoadOptions { Target = server.LocalEndPoint, Warmup = TimeSpan.Zero, Connections = 5, RequestsPerConnection = 1, Duration = TimeSpan.FromSeconds(1), Threads = 1 });

        var (_, sample) = await generator.RunAsync(CancellationToken.None);

        Assert.True(sample.Requests > 5);
        Assert.Equal(0, sample.Errors.Total);
        Assert.True(sample.Reconnects >= sample.Requests - 5);
        Assert.Equal(0, sample.IdleClosedByServer); // closed after an answer, and active
        Assert.True(server.ReadCounters().ConnectionsAccepted >= sample.Requests);
    }

    [Fact]
    public async Task Echo_MessagesComeBackWhole()
    {
        await using var server = StartEngine(ProtocolSettings.Echo(100));
        using var generator = new LoadGenerator(new LoadOptions { Target = server.LocalEndPoint, Warmup = TimeSpan.Zero, Protocol = ProtocolKind.Echo, MessageBytes = 100, Connections = 8, Duration = TimeSpan.FromSeconds(1), Threads = 1 });

        var (_, sample) = await generator.RunAsync(CancellationToken.None);

        Assert.True(sample.Requests > 0);
        Assert.Equal(0, sample.Errors.Total);
        Assert.Equal(sample.Requests * 100, sample.BytesReceived);
    }

    [Fact]
    public async Task ServerThatNeverAnswers_CountsTimeouts()
    {
        await using var server = new ScriptedHttpServer(answer: false);
        using var generator = new LoadGenerator(new LoadOptions { Target = server.EndPoint, Warmup = TimeSpan.Zero, Connections = 3, Timeout = TimeSpan.FromMilliseconds(300), Duration = TimeSpan.FromSeconds(1.2), Threads = 1 });

        var (_, sample) = await generator.RunAsync(CancellationToken.None);

        Assert.Equal(0, sample.Requests);
        Assert.True(sample.Errors.Timeout >= 3);
    }

    [Fact]
    public async Task Non2xxAnswers_AreCountedAsStatusErrors()
    {
        await using var server = new ScriptedHttpServer(status: 500);
        using var generator = new LoadGenerator(new LoadOptions { Target = server.EndPoint, Warmup = TimeSpan.Zero, Connections = 2, Duration = TimeSpan.FromSeconds(0.5), Threads = 1 });

        var (_, sample) = await generator.RunAsync(CancellationToken.None);

        Assert.True(sample.Requests > 0);
        Assert.Equal(sample.Requests, sample.Errors.Status);
    }

    [Fact]
    public async Task NothingListening_FailsWithAMessageNotAStackTrace()
    {
        var free = new IPEndPoint(IPAddress.Loopback, LoopbackPorts.Free());
        using var generator = new LoadGenerator(new LoadOptions { Target = free, Warmup = TimeSpan.Zero, Connections = 2, Duration = TimeSpan.FromSeconds(0.5), Threads = 1 });

        var failure = await Assert.ThrowsAsync<AsyncIoToolsException>(() => generator.RunAsync(CancellationToken.None));

        Assert.Equal(FailureKind.RunFailed, failure.Kind);
        Assert.Contains("no connection", failure.Message, StringComparison.Ordinal);
    }

    private static IServerEngine StartEngine(ProtocolSettings protocol, ServerLimits? limits = null)
    {
        var engine = EngineRegistry.Default.Create(new ServerSettings { Protocol = protocol, Loops = 1, Endpoint = new IPEndPoint(IPAddress.Loopback, 0), Limits = limits ?? ServerLimits.Default });
        engine.Start();
        return engine;
    }
}
