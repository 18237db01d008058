using System.Net.Sockets;
using AsyncIoTools.Engines.Contract;
using Xunit.Abstractions;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>
/// After a run of everything the conformance suite does to a server — keep-alive and pipelined requests, error
/// answers and lingering, clients that reset mid-request, clients left to time out, connections past the maximum —
/// the server holds the kernel objects and threads it held before, for every engine (iocp under Wine included).
/// Threads are those outside the runtime's pool (which grows and idles out with load on its own): loops, connection
/// threads, the runtime's own.
/// </summary>
public sealed class LeakTests(ITestOutputHelper output)
{
    /// <summary>A thread the runtime starts and retires on its own outside its pool (tiered compilation's worker).</summary>
    private const int RuntimeThreadSlack = 1;

    private static readonly ServerLimits Limits = ServerLimits.Default with { HeadTimeout = TimeSpan.FromSeconds(1), MaxConnections = 150 };

    public static TheoryData<EngineCase> Engines => EngineCase.All();

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task AConformanceRun_LeavesDescriptorsAndThreadsAtTheirBaseline(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine, configure: s => s with { Limits = Limits });
        await RunAsync(server, keepAlive: 10, misbehaving: 2);
        await server.CountersWhenAsync(c => c.ConnectionsClosed == c.ConnectionsAccepted);
        var before = await SettledKernelObjectsAsync(server);
        var threadsBefore = await server.ThreadsAsync();

        await RunAsync(server, keepAlive: 100, misbehaving: 10);
        var counters = await server.CountersWhenAsync(c => c.ConnectionsClosed == c.ConnectionsAccepted && c.Limits.HeadTimeout >= 12);
        var after = await server.WaitForKernelObjectsAsync(before);
        var threadsAfter = await Eventually.UntilAsync(server.ThreadsAsync, threads => threads <= threadsBefore + RuntimeThreadSlack, $"the server's threads to fall back to the {threadsBefore} before (+{RuntimeThreadSlack})");

        output.WriteLine($"{engine}: kernel objects {before.Count} → {after.Count}, threads {threadsBefore} → {threadsAfter}; {counters.ConnectionsAccepted} accepted, {counters.ConnectionsClosed} closed, {counters.Limits.MaxConnections} refused past the maximum, {counters.Limits.HeadTimeout} head timeouts");
        Assert.Equal(counters.ConnectionsAccepted, counters.ConnectionsClosed);
        Assert.True(counters.Limits.MaxConnections >= 10, $"{counters.Limits.MaxConnections} refused past the maximum");
        Assert.True(after.Count <= before.Count, $"{after.Count} sockets, pipes and the like against {before.Count} before; new since: {string.Join(", ", after.Names.Except(before.Names))}");
        Assert.True(threadsAfter <= threadsBefore + RuntimeThreadSlack, $"{threadsAfter} threads against {threadsBefore} before");
    }

    /// <summary>One run of the suite's behaviours, every client gone at the end (the silent ones closed by the head timeout).</summary>
    private static async Task RunAsync(ServerUnderTest server, int keepAlive, int misbehaving)
    {
        var start = await server.CountersAsync();
        // Each well-behaved client sends its first request as it connects: idle with no request, it would fall under
        // the 1 s head timeout meant for the silent ones whenever the steps below take a second on a busy machine.
        var clients = Enumerable.Range(0, keepAlive).Select(_ => ConnectAndAsk(server)).ToList();
        var silent = Enumerable.Range(0, misbehaving).Select(_ => server.Connect()).ToList();
        try
        {
            // Past the maximum (once these are in): a few of the next are accepted and closed by the server at once.
            await server.CountersWhenAsync(c => c.ConnectionsAccepted - start.ConnectionsAccepted >= keepAlive + misbehaving);
            var extraCount = 160 - keepAlive - misbehaving;
            var extra = Enumerable.Range(0, extraCount).Select(_ => TryConnect(server)).ToList();
            await server.CountersWhenAsync(c => c.ConnectionsAccepted + c.Limits.MaxConnections - start.ConnectionsAccepted - start.Limits.MaxConnections >= 160);
            await Task.WhenAll(clients.Select(client => Task.Run(() =>
            {
                client.ReadResponse();
                client.Send(RawClient.Get() + RawClient.Get("/missing"));
                client.ReadResponse();
                client.ReadResponse();
                client.Send(string.Concat(Enumerable.Repeat(RawClient.Get(), 8)));
                for (var i = 0; i < 8; i++)
                {
                    client.ReadResponse();
                }
            })));
            extra.ForEach(s => s?.Dispose());

            // The admitted extras' closes reach the server before the next connections, which would be refused otherwise.
            await server.CountersWhenAsync(c => c.ConnectionsAccepted - c.ConnectionsClosed <= keepAlive + misbehaving);

            for (var i = 0; i < misbehaving; i++)
            {
                using (var rejected = server.Connect())
                {
                    rejected.Send("GARBAGE\r\n\r\n");
                    rejected.ReadResponse();
                }

                using var aborted = server.Connect();
                aborted.Send("GET / HTTP/1.1\r\nHo");
                aborted.Abort();
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }

        // The silent ones are left for the server to close at its head timeout (counted from this run's start: the
        // counter is the server's total, and closing a silent client ourselves would race the check after).
        await server.CountersWhenAsync(c => c.Limits.HeadTimeout - start.Limits.HeadTimeout >= misbehaving);
        silent.ForEach(c => c.Dispose());
    }

    private static RawClient ConnectAndAsk(ServerUnderTest server)
    {
        var client = server.Connect();
        client.Send(RawClient.Get());
        return client;
    }

    /// <summary>The server's kernel objects once two counts a little apart agree (closes may still be in flight).</summary>
    private static async Task<KernelObjects> SettledKernelObjectsAsync(ServerUnderTest server)
    {
        var objects = await server.KernelObjectsAsync();
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(100);
            var again = await server.KernelObjectsAsync();
            if (again.Count == objects.Count)
            {
                return again;
            }

            objects = again;
        }

        return objects;
    }

    private static Socket? TryConnect(ServerUnderTest server)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.Connect(server.EndPoint);
            return socket;
        }
        catch (SocketException)
        {
            socket.Dispose();
            return null;
        }
    }

}
