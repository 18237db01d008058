using AsyncIoTools.Engines.Tests.Conformance;

namespace AsyncIoTools.Engines.Tests.DotNet;

/// <summary>The .NET Socket baseline reports what it counts and no syscall figure it did not count.</summary>
public sealed class DotNetEngineTests
{
    [Fact]
    public async Task Counters_CountRequestsButNoSyscalls()
    {
        await using var server = InProcessServer.Start("dotnet");
        using (var client = server.Connect())
        {
            client.Send(RawClient.Get() + RawClient.Get() + RawClient.Get());
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(200, client.ReadResponse().Status);
            }
        }

        var counters = await server.CountersWhenAsync(c => c.ConnectionsClosed == 1, "the connection closed");

        Assert.Equal(3, counters.Requests);
        Assert.Equal(1, counters.ConnectionsAccepted);
        Assert.Equal(1, counters.ConnectionsClosed);
        Assert.True(counters.BytesOut > 0);
        Assert.False(counters.SyscallsCounted);
        Assert.Equal(0, counters.TotalSyscalls);
    }
}
