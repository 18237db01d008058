using System.Net;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Hosting;

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

    [Fact]
    public async Task TwoShardProcesses_AgainstOneServer_MergeIntoOneSample()
    {
        await using var server = EngineRegistry.Default.Create(new ServerSettings { Loops = 1, Endpoint = new IPEndPoint(IPAddress.Loopback, 0) });
        server.Start();
        using var group = new LoadProcessGroup(new LoadOptions { Target = server.LocalEndPoint, Connections = 40, Active = 10 }, 2, ServerLaunch.Locate());

        var ramp = await group.ConnectAsync(CancellationToken.None);
        var sample = await group.MeasureAsync(TimeSpan.FromSeconds(1), CancellationToken.None);

        Assert.Equal((40, 40), (ramp.Requested, ramp.Connected));
        Assert.True(ramp.LoadStartup > TimeSpan.Zero, "the processes' start-up is not reported apart from the ramp");
        Assert.Equal(2, ramp.SourceAddresses);
        Assert.True(sample.Requests > 0);
        Assert.Equal(sample.Requests, sample.Latency.TotalCount);
        Assert.Equal(0, sample.Errors.Total);
        Assert.Equal(40, sample.OpenConnections);
        Assert.Equal(40, server.ReadCounters().ConnectionsAccepted);
    }
}
