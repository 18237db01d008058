using System.Net;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Failures;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Tests.Load;

public sealed class LoadProcessGroupTests
{
    [Fact]
    public void Split_SharesEverythingOutAndGivesEachShardItsOwnAddresses()
    {
        var total = new LoadOptions { Target = new IPEndPoint(IPAddress.Loopback, 80), Connections = 100_001, Active = 1_000, Rate = 60_000 };

        var shards = LoadProcessGroup.Split(total, 6);

        Assert.Equal(6, shards.Count);
        Assert.Equal(100_001, shards.Sum(s => s.Connections));
        Assert.Equal(1_000, shards.Sum(s => s.EffectiveActive));
        Assert.Equal(60_000, shards.Sum(s => s.Rate!.Value), 6);
        var addresses = shards.SelectMany(s => s.SourceAddresses!).ToList();
        Assert.Equal(addresses.Count, addresses.Distinct().Count());
        Assert.All(shards, s => Assert.True(s.Connections <= s.SourceAddresses!.Count * LoadPlan.PortsPerLoopbackSource(LoadPlan.EphemeralPortCount())));
    }

    [Fact]
    public void ShardCommandLine_CarriesTheConnectConcurrency()
    {
        var arguments = LoadProcess.Arguments(new LoadOptions { Target = new IPEndPoint(IPAddress.Loopback, 80), ConnectConcurrency = 4096 });

        var at = arguments.ToList().IndexOf("--connect-concurrency");
        Assert.True(at > 0, string.Join(' ', arguments));
        Assert.Equal("4096", arguments[at + 1]);
    }

    /// <summary>
    /// Shards that take a second to start and connect at once when told: the second is the start-up, not the ramp.
    /// The margin (a second against a pipe's round trip) is wide enough for a busy machine.
    /// </summary>
    [Fact]
    public async Task ShardsSlowToStart_TheirStartUpIsApartFromTheRamp()
    {
        var shard = await WriteShardAsync("""
            sleep 1
            echo ready
            read -r word
            [ "$word" = connect ] || exit 3
            echo 'ramp {"requested":20,"connected":20,"elapsed":"00:00:00.0010000","connectErrors":0,"threads":1,"sourceAddresses":1}'
            cat > /dev/null
            """);
        try
        {
            using var group = new LoadProcessGroup(new LoadOptions { Target = new IPEndPoint(IPAddress.Loopback, 80), Connections = 40 }, 2, new ServerLaunch("/bin/bash", [shard]));

            var ramp = await group.ConnectAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal((40, 40), (ramp.Requested, ramp.Connected));
            Assert.True(ramp.LoadStartup >= TimeSpan.FromSeconds(1), $"start-up {ramp.LoadStartup}: the shards' second of it is not there");
            Assert.True(ramp.Elapsed < TimeSpan.FromSeconds(1), $"ramp {ramp.Elapsed}: the shards' start-up is in it");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(shard)!, recursive: true);
        }
    }

    [Fact]
    public async Task ShardFromBeforeTheReadyWord_IsNamedNotWaitedForForever()
    {
        var shard = await WriteShardAsync("""
            echo 'ramp {"requested":20,"connected":20,"elapsed":"00:00:00.0010000","connectErrors":0,"threads":1,"sourceAddresses":1}'
            cat > /dev/null
            """);
        try
        {
            using var group = new LoadProcessGroup(new LoadOptions { Target = new IPEndPoint(IPAddress.Loopback, 80), Connections = 40 }, 2, new ServerLaunch("/bin/bash", [shard]));

            var failure = await Assert.ThrowsAsync<AsyncIoToolsException>(() => group.ConnectAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60)));

            Assert.Equal(FailureKind.RunFailed, failure.Kind);
            Assert.Contains("connected before it was told to", failure.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(shard)!, recursive: true);
        }
    }

    [Fact]
    public async Task Dispose_EndsEveryShardBeforeWaitingForAny()
    {
        // Each shard, once told, exits only when all three have been told (or after 10 s). Waited for one by one, the
        // second would be told only after the first had given up waiting. The log shows the order.
        var shard = await WriteShardAsync("""
            echo ready
            read -r word
            echo 'ramp {"requested":20,"connected":20,"elapsed":"00:00:00.0010000","connectErrors":0,"threads":1,"sourceAddresses":1}'
            cat > /dev/null
            log="$(dirname "$0")/log"
            echo told >> "$log"
            for ((i = 0; i < 100; i++)); do [ "$(grep -c told "$log")" -ge 3 ] && break; sleep 0.1; done
            echo exited >> "$log"
            """);
        var log = Path.Combine(Path.GetDirectoryName(shard)!, "log");
        try
        {
            using var group = new LoadProcessGroup(new LoadOptions { Target = new IPEndPoint(IPAddress.Loopback, 80), Connections = 60 }, 3, new ServerLaunch("/bin/bash", [shard]));
            await group.ConnectAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(60));

            group.Dispose();

            Assert.Equal(["told", "told", "told", "exited", "exited", "exited"], await File.ReadAllLinesAsync(log));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(shard)!, recursive: true);
        }
    }

    /// <summary>A stand-in shard: a bash script the group starts in place of <c>aiotools load --control</c>.</summary>
    private static async Task<string> WriteShardAsync(string script)
    {
        var shard = Path.Combine(Directory.CreateTempSubdirectory("aiotools-shard-").FullName, "shard.sh");
        await File.WriteAllTextAsync(shard, script);
        return shard;
    }

    [Fact]
    public async Task TwoShardProcesses_AgainstOneServer_MergeIntoOneSample()
    {
        await using var server = EngineRegistry.Default.Create(new ServerSettings { Loops = 1, Endpoint = new IPEndPoint(IPAddress.Loopback, 0) });
        server.Start();
        using var group = new LoadProcessGroup(new LoadOptions { Target = server.LocalEndPoint, Connections = 40, Active = 10 }, 2, ServerLaunch.Locate());

        var ramp = await group.ConnectAsync(CancellationToken.None);
        var sample = await group.MeasureAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal((40, 40), (ramp.Requested, ramp.Connected));
        Assert.Equal(2, ramp.SourceAddresses);
        Assert.True(sample.Requests > 0);
        Assert.Equal(sample.Requests, sample.Latency.TotalCount);
        Assert.Equal(0, sample.Errors.Total);
        Assert.Equal(40, sample.OpenConnections);
        Assert.Equal(40, server.ReadCounters().ConnectionsAccepted);
        Assert.Equal(0, sample.IdleClosedByServer);
    }

    [Fact]
    public async Task TwoShardProcesses_IdleConnectionsClosedByTheServer_AreSummedFromBoth()
    {
        await using var server = EngineRegistry.Default.Create(new ServerSettings { Loops = 1, Endpoint = new IPEndPoint(IPAddress.Loopback, 0), Limits = ServerLimits.Default with { HeadTimeout = TimeSpan.FromSeconds(1) } });
        server.Start();
        using var group = new LoadProcessGroup(new LoadOptions { Target = server.LocalEndPoint, Connections = 40, Active = 10 }, 2, ServerLaunch.Locate());

        await group.ConnectAsync(CancellationToken.None);
        var sample = await group.MeasureAsync(TimeSpan.FromSeconds(2.5), CancellationToken.None);

        // 15 idle connections in each shard, each closed at least once in 2.5 s (how the shards' counts add up is
        // the merge's test below; this one is that the count crosses the process boundary at all).
        Assert.InRange(sample.IdleClosedByServer, 30, sample.Reconnects);
        Assert.True(sample.IdleClosedMeanOpenSeconds > 0.5, $"open {sample.IdleClosedMeanOpenSeconds} s on average: the server's head timeout is 1 s, not a refusal at once");
        Assert.Equal(0, sample.Errors.Total);
    }

    [Fact]
    public void Merge_IdleConnectionsClosed_AddsTheCountsAndWeighsTheMeanOpenTimeByThem()
    {
        var merged = LoadProcessGroup.Merge([Shard(idleClosed: 3, meanOpen: 1.0), Shard(idleClosed: 1, meanOpen: 2.0), Shard(idleClosed: 0, meanOpen: null)]);

        Assert.Equal(4, merged.IdleClosedByServer);
        Assert.Equal(1.25, merged.IdleClosedMeanOpenSeconds!.Value, 9);
        Assert.Equal(6, merged.Reconnects);
    }

    [Fact]
    public void Merge_ShardsOfDifferentSpans_TakeTheirMeanAsTheDuration()
    {
        // Both made 100 answers a second; the second's controller was 0.6 s late, so its own span is longer.
        var merged = LoadProcessGroup.Merge([Shard(idleClosed: 0, meanOpen: null) with { DurationSeconds = 1.0, Requests = 100 }, Shard(idleClosed: 0, meanOpen: null) with { DurationSeconds = 1.6, Requests = 160 }]);

        Assert.Equal(1.3, merged.Duration.TotalSeconds, 9);
        Assert.Equal(200, merged.Requests / merged.Duration.TotalSeconds, 9);
    }

    [Fact]
    public void Merge_AShardWithClosesButNoMeanOpenTime_IsLeftOutOfTheMeanOnly()
    {
        var merged = LoadProcessGroup.Merge([Shard(idleClosed: 3, meanOpen: 1.0), Shard(idleClosed: 5, meanOpen: null)]);

        Assert.Equal(8, merged.IdleClosedByServer);
        Assert.Equal(1.0, merged.IdleClosedMeanOpenSeconds!.Value, 9);
    }

    [Fact]
    public void Merge_NoIdleConnectionClosed_HasNoMeanOpenTime()
    {
        var merged = LoadProcessGroup.Merge([Shard(idleClosed: 0, meanOpen: null), Shard(idleClosed: 0, meanOpen: null)]);

        Assert.Equal(0, merged.IdleClosedByServer);
        Assert.Null(merged.IdleClosedMeanOpenSeconds);
    }

    [Fact]
    public void SampleLine_CarriesTheIdleClosesWhenThereWereAny()
    {
        var closed = LoadControl.ParseSample(LoadControl.FormatSample(Shard(idleClosed: 7, meanOpen: 1.5)));
        var none = LoadControl.FormatSample(Shard(idleClosed: 0, meanOpen: null));

        Assert.Equal((7, 1.5), (closed.IdleClosedByServer, closed.IdleClosedMeanOpenSeconds));
        Assert.DoesNotContain("idleClosed", none, StringComparison.Ordinal);
        Assert.Equal(0, LoadControl.ParseSample(none).IdleClosedByServer);
    }

    private static ClientMeasurement Shard(long idleClosed, double? meanOpen) =>
        new(1, 10, 10, LatencySummary.From(new AsyncIoTools.Measurement.LatencyHistogram()), null, LoadErrors.None, 0, 0, 2, 20, 0, 0.1)
        {
            IdleClosedByServer = idleClosed,
            IdleClosedMeanOpenSeconds = meanOpen,
        };
}
