using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Tests.Conformance;

namespace AsyncIoTools.Engines.Tests.Epoll;

/// <summary>How the epoll loop reads in each mode, seen in its syscall counts (the conformance suite covers what it answers).</summary>
public sealed class EpollEngineTests
{
    [Theory]
    [InlineData("level")]
    [InlineData("edge")]
    public async Task Read_RequestsOneAtATime_OneReceivePerRequest(string variant)
    {
        await using var server = InProcessServer.Start("epoll", variant: variant);
        using var client = server.Connect();
        for (var i = 0; i < 10; i++)
        {
            client.Send(RawClient.Get());
            Assert.Equal(200, client.ReadResponse().Status);
        }

        var counters = await server.CountersWhenAsync(c => c.Requests == 10, "10 requests");

        // A short read emptied the socket: edge-triggered too, another read would only have found EAGAIN.
        Assert.True(counters.SyscallsCounted);
        Assert.Equal(10, counters.SyscallsOf(SyscallKind.Read));
    }

    [Theory]
    [InlineData("level")]
    [InlineData("edge")]
    public async Task Read_RequestArrivingInPiecesAfterAShortRead_IsAnswered(string variant)
    {
        await using var server = InProcessServer.Start("epoll", variant: variant);
        using var client = server.Connect();
        var request = RawClient.Get("/plaintext");

        // Each piece is read whole and found incomplete; only a new arrival's event can bring the rest.
        client.Send(request[..5]);
        await server.CountersWhenAsync(c => c.SyscallsOf(SyscallKind.Read) >= 1, "the first piece read");
        client.Send(request[5..^2]);
        await server.CountersWhenAsync(c => c.SyscallsOf(SyscallKind.Read) >= 2, "the second piece read");
        client.Send(request[^2..]);

        Assert.Equal(200, client.ReadResponse().Status);
        Assert.Equal(3, server.Engine.ReadCounters().SyscallsOf(SyscallKind.Read));
    }
}
