using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Tests.Conformance;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Tests.Threads;

/// <summary>The thread-per-connection engine's own properties beyond the conformance suite.</summary>
public sealed class ThreadsEngineTests
{
    [Fact]
    public async Task Counters_AfterConnectionThreadsEnded_KeepTheirRequestsAndSyscalls()
    {
        await using var server = InProcessServer.Start("threads");
        for (var i = 0; i < 5; i++)
        {
            using var client = server.Connect();
            client.Send(RawClient.Get() + RawClient.Get());
            Assert.Equal(200, client.ReadResponse().Status);
            Assert.Equal(200, client.ReadResponse().Status);
        }

        var counters = await server.CountersWhenAsync(c => c.ConnectionsClosed == 5, "5 connections closed");

        Assert.Equal(5, counters.ConnectionsAccepted);
        Assert.Equal(5, counters.ConnectionsClosed);
        Assert.Equal(10, counters.Requests);
        Assert.True(counters.SyscallsCounted);

        // Made on the connection threads, which have all ended: a recv with the requests and one reading the
        // close, one send for both answers, one close — per connection.
        Assert.True(counters.SyscallsOf(SyscallKind.Read) >= 10, $"reads {counters.SyscallsOf(SyscallKind.Read)}");
        Assert.True(counters.SyscallsOf(SyscallKind.Write) >= 5, $"writes {counters.SyscallsOf(SyscallKind.Write)}");
        Assert.True(counters.SyscallsOf(SyscallKind.Close) >= 5, $"closes {counters.SyscallsOf(SyscallKind.Close)}");
        Assert.True(counters.SyscallsOf(SyscallKind.Accept) >= 5, $"accepts {counters.SyscallsOf(SyscallKind.Accept)}");
    }

    [Fact]
    public async Task Stop_WithIdleConnectionsBlockedInRecv_WakesAndClosesThem()
    {
        var server = InProcessServer.Start("threads");
        var clients = Enumerable.Range(0, 20).Select(_ => server.Connect()).ToList();
        try
        {
            clients[0].Send(RawClient.Get());
            Assert.Equal(200, clients[0].ReadResponse().Status);
            await server.CountersWhenAsync(c => c.ConnectionsAccepted == 20, "20 connections accepted");

            await server.Engine.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(server.Engine.Completion.IsCompletedSuccessfully);
            Assert.All(clients, c => Assert.True(c.ReadsEndOfStream()));
            Assert.Equal(20, server.Engine.ReadCounters().ConnectionsClosed);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            await server.DisposeAsync();
        }
    }
}
