using System.Diagnostics;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>
/// The limits every engine enforces alike, as nginx and Kestrel do: a head that does not complete in time (a silent
/// client, a slowloris client trickling bytes) and an idle connection are closed at their timeouts, a body slower
/// than the minimum rate is cut, busy connections are left alone, and one connection past the maximum is accepted
/// and closed at once; every such close is counted by its reason. Bodies within the limit are skipped as before.
/// </summary>
public sealed class ConnectionLimitsTests
{
    private static readonly ServerLimits ShortLimits = ServerLimits.Default with
    {
        HeadTimeout = TimeSpan.FromSeconds(1),
        KeepAliveTimeout = TimeSpan.FromSeconds(1.5),
        MinReceiveRate = 1000,
        MinReceiveRateGrace = TimeSpan.FromSeconds(1),
    };

    // Deadlines are looked at on a 250 ms wheel, and a busy machine (or Wine) is late: a close may come a few
    // seconds after its limit, never before it.
    private static readonly TimeSpan Late = TimeSpan.FromSeconds(6);

    public static TheoryData<EngineCase> Engines => EngineCase.All();

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task SlowAndIdleClients_AreClosedAtTheirLimits_BusyOnesAreNot_AndEachCloseIsCounted(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine, configure: s => s with { Limits = ShortLimits });
        using var silent = PeerClock.Connect(server.EndPoint);
        using var slowloris = PeerClock.Connect(server.EndPoint);
        using var idle = PeerClock.Connect(server.EndPoint);
        using var slowBody = PeerClock.Connect(server.EndPoint);

        slowloris.Send("GET / HTTP/1.1\r\nHost: a\r\nX-Slow: ");
        // The clocks restart before the request goes out: the server's timer starts after it has the request, so
        // the close can never come sooner by this clock, however late this thread reads the answer.
        idle.Restart();
        idle.Send(RawClient.Get());
        Assert.Equal(200, idle.ReadStatus());
        slowBody.Restart();
        slowBody.Send("POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100000\r\n\r\n0123456789");
        Assert.Equal(405, slowBody.ReadStatus());

        var closes = new[]
        {
            silent.ClosedAfterAsync(),
            slowloris.ClosedAfterAsync(trickle: "a"),
            idle.ClosedAfterAsync(),
            slowBody.ClosedAfterAsync(trickle: "b"),
        };
        // Busy from now until every other client has been closed: the busy connection must outlive all four.
        var (headStalls, keepAliveStalls) = await Task.Factory.StartNew(
            () => StayBusyUntil(server, Task.WhenAll(closes)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        var (head, trickled, kept, body) = (await closes[0], await closes[1], await closes[2], await closes[3]);
        AssertClosedBetween("silent client (head timeout)", head, ShortLimits.HeadTimeout);
        AssertClosedBetween("slowloris client (head timeout)", trickled, ShortLimits.HeadTimeout);
        AssertClosedBetween("idle client (keep-alive timeout)", kept, ShortLimits.KeepAliveTimeout);
        AssertClosedBetween("slow body (minimum rate)", body, ShortLimits.MinReceiveRateGrace);

        var expected = (Head: 2L + headStalls, KeepAlive: 1L + keepAliveStalls, MinimumRate: 1L);
        var counters = await server.CountersWhenAsync(c => c.Limits.HeadTimeout + c.Limits.KeepAliveTimeout + c.Limits.MinReceiveRate >= expected.Head + expected.KeepAlive + expected.MinimumRate);
        Assert.Equal(expected, (counters.Limits.HeadTimeout, counters.Limits.KeepAliveTimeout, counters.Limits.MinReceiveRate));
    }

    /// <summary>
    /// Asks every 250 ms on one connection (at least 8 times) until <paramref name="until"/> completes, on a thread of
    /// its own: the other clients' clocks block pool threads while they wait. Returns how often this process itself
    /// stalled past a limit, so that the server was right to close the connection: before its first request (the
    /// head timeout) or between two (the keep-alive timeout). A close within its limit fails the test.
    /// </summary>
    private static (int Head, int KeepAlive) StayBusyUntil(ServerUnderTest server, Task until)
    {
        var (head, keepAlive) = (0, 0);
        // The server's clock for a limit starts after this one's: its head timeout on accepting the connection
        // (after the connect began), its keep-alive timeout on answering (after the request went out). So a close
        // the server was right to make is one this clock reads at or past the limit.
        var since = Stopwatch.GetTimestamp();
        var busy = server.Connect();
        var answered = false;
        try
        {
            for (var i = 0; i < 8 || !until.IsCompleted; i++)
            {
                var sending = Stopwatch.GetTimestamp();
                try
                {
                    busy.Send(RawClient.Get());
                    Assert.Equal(200, busy.ReadResponse().Status);
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
                {
                    var elapsed = Stopwatch.GetElapsedTime(since);
                    var (limit, what) = answered ? (ShortLimits.KeepAliveTimeout, "its previous request") : (ShortLimits.HeadTimeout, "it connected");
                    if (elapsed < limit)
                    {
                        throw new Xunit.Sdk.XunitException($"the busy connection was closed at request {i + 1}, {elapsed.TotalMilliseconds:0} ms after {what} (limit {limit.TotalMilliseconds:0} ms): {e.Message}");
                    }

                    if (head + keepAlive == 3)
                    {
                        throw new Xunit.Sdk.XunitException($"this test process stalled past a limit 4 times (the last {elapsed.TotalMilliseconds:0} ms after {what}, in a loop that asks every 250 ms): the host is too busy for this test");
                    }

                    (head, keepAlive) = answered ? (head, keepAlive + 1) : (head + 1, keepAlive);
                    busy.Dispose();
                    since = Stopwatch.GetTimestamp();
                    busy = server.Connect();
                    answered = false;
                    continue;
                }

                (since, answered) = (sending, true);
                Thread.Sleep(250);
            }
        }
        finally
        {
            busy.Dispose();
        }

        return (head, keepAlive);
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task OneConnectionPastTheMaximum_IsAcceptedAndClosedAtOnce_AndCounted(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine, configure: s => s with { Limits = ServerLimits.Default with { MaxConnections = 3 } });
        var admitted = Enumerable.Range(0, 3).Select(_ => server.Connect()).ToList();
        try
        {
            foreach (var client in admitted)
            {
                client.Send(RawClient.Get());
                Assert.Equal(200, client.ReadResponse().Status);
            }

            using (var refused = PeerClock.Connect(server.EndPoint))
            {
                refused.Send(RawClient.Get());
                Assert.NotNull(await refused.ClosedAfterAsync());
            }

            var counters = await server.CountersWhenAsync(c => c.Limits.MaxConnections == 1);
            Assert.Equal(1, counters.Limits.MaxConnections);
            Assert.Equal(3, counters.ConnectionsAccepted);

            // One leaves: there is room again.
            admitted[0].Dispose();
            await server.CountersWhenAsync(c => c.ConnectionsClosed == 1);
            using var next = server.Connect();
            next.Send(RawClient.Get());
            Assert.Equal(200, next.ReadResponse().Status);
        }
        finally
        {
            admitted.ForEach(c => c.Dispose());
        }
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task PostWithBody_Answers405AndTheNextRequest_ABodyPastTheLimitGets413(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine, configure: s => s with { Limits = ServerLimits.Default with { MaxBodyBytes = 1000 } });
        using var client = server.Connect();

        client.Send("POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 1000\r\n\r\n" + new string('x', 1000) + RawClient.Get());
        Assert.Equal(405, client.ReadResponse().Status);
        Assert.Equal(200, client.ReadResponse().Status);

        client.Send("POST /form HTTP/1.1\r\nHost: a\r\nContent-Length: 1001\r\n\r\n");
        Assert.Equal(413, client.ReadResponse().Status);
        Assert.True(client.ReadsEndOfStream());
        Assert.Equal(1, (await server.CountersWhenAsync(c => c.Limits.BodyTooLarge == 1)).Limits.BodyTooLarge);
    }

    private static void AssertClosedBetween(string who, TimeSpan? closedAfter, TimeSpan limit)
    {
        Assert.True(closedAfter is not null, $"{who}: not closed within 30 s");
        Assert.True(closedAfter >= limit - TimeSpan.FromMilliseconds(100), $"{who}: closed after {closedAfter!.Value.TotalSeconds:0.00} s, before its limit of {limit.TotalSeconds} s");
        Assert.True(closedAfter <= limit + Late, $"{who}: closed after {closedAfter.Value.TotalSeconds:0.00} s, limit {limit.TotalSeconds} s");
    }

}
