using System.Net.Sockets;
using System.Text;
using AsyncIoTools.Engines.Protocols;
using Xunit;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>
/// What every engine must do, the same for all: the HTTP and echo behaviour a client relies on, many
/// connections at once, misbehaving clients, and a clean stop that leaks nothing.
/// </summary>
public sealed class EngineConformanceTests
{
    public static TheoryData<EngineCase> Engines => EngineCase.All();

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Http_SingleRequest_AnswersHelloWorld(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        using var client = server.Connect();

        client.Send(RawClient.Get());
        var response = client.ReadResponse();

        Assert.Equal(200, response.Status);
        Assert.Equal("Hello, World!", response.Body);
        Assert.Equal("text/plain", response.Header("Content-Type"));
        Assert.NotNull(response.Header("Date"));
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Http_SixteenPipelinedRequests_AnswersAllInOrder(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        using var client = server.Connect();

        // Alternate paths so that the order of the answers shows.
        var requests = Enumerable.Range(0, 16).Select(i => RawClient.Get(i % 2 == 0 ? "/" : "/missing"));
        client.Send(string.Concat(requests));

        for (var i = 0; i < 16; i++)
        {
            Assert.Equal(i % 2 == 0 ? 200 : 404, client.ReadResponse().Status);
        }
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Http_HeadSplitByteByByte_IsAnsweredOnce(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        using var client = server.Connect();

        client.SendByteByByte(RawClient.Get("/", "User-Agent: split-test\r\n"));

        Assert.Equal(200, client.ReadResponse().Status);
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Http_PipelinedRequestSplitAcrossWrites_IsKeptAndAnswered(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        using var client = server.Connect();

        // A whole request and half of the next in one write: the half must wait for its rest.
        client.Send(RawClient.Get() + "GET /miss");
        Assert.Equal(200, client.ReadResponse().Status);
        await Task.Delay(50);
        client.Send("ing HTTP/1.1\r\nHost: test\r\n\r\n");

        Assert.Equal(404, client.ReadResponse().Status);
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Http_ConnectionClose_AnswersThenCloses(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        using var client = server.Connect();

        client.Send(RawClient.Get("/", "Connection: close\r\n"));
        var response = client.ReadResponse();

        Assert.Equal(200, response.Status);
        Assert.Equal("close", response.Header("Connection"));
        Assert.True(client.ReadsEndOfStream());
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Http_MalformedHead_Answers400AndCloses(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        using var client = server.Connect();

        client.Send("GARBAGE\r\n\r\n");

        Assert.Equal(400, client.ReadResponse().Status);
        Assert.True(client.ReadsEndOfStream());
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Http_OversizedHead_Answers431AndCloses(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        using var client = server.Connect();

        // 32 KiB of headers against the 8 KiB default: the server answers before the client has sent it all.
        var huge = string.Concat(Enumerable.Range(0, 512).Select(i => $"X-Filler-{i:D4}: {new string('a', 48)}\r\n"));
        client.Send(RawClient.Get("/", huge));

        Assert.Equal(431, client.ReadResponse().Status);
        Assert.True(client.ReadsEndOfStream());
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Echo_MessagesOf1Byte4KiBAnd1MiB_ComeBackIntact(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine, ProtocolSettings.Echo(1));
        using var client = server.Connect();
        var random = new Random(42);

        foreach (var size in new[] { 1, 4096, 1 << 20 })
        {
            var message = new byte[size];
            random.NextBytes(message);

            // Send from another thread: a 1 MiB echo cannot be sent whole before reading any of it back.
            var sending = Task.Run(() => client.Send(message));
            var echoed = client.ReadExactly(size);
            await sending;

            Assert.Equal(message, echoed);
        }
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Http_AThousandConcurrentConnections_AreAllAnswered(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        var request = Encoding.ASCII.GetBytes(RawClient.Get());
        var sockets = new List<Socket>();
        try
        {
            for (var i = 0; i < 1000; i++)
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                sockets.Add(socket);
                await socket.ConnectAsync(server.EndPoint);
            }

            // All connections are open at once before any request is sent.
            var answered = await Task.WhenAll(sockets.Select(async socket =>
            {
                await socket.SendAsync(request);
                return await ReadStatusAsync(socket);
            }));

            Assert.All(answered, status => Assert.Equal(200, status));
            var counters = await server.CountersAsync();
            Assert.Equal(1000, counters.ConnectionsAccepted);
            Assert.Equal(1000, counters.Requests);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task ClientAbortMidRequest_ServerKeepsServingOthers(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        using (var quitter = server.Connect())
        {
            quitter.Send("GET / HTTP/1.1\r\nHo");
            await Task.Delay(50);
            quitter.Abort();
        }

        using var client = server.Connect();
        client.Send(RawClient.Get());

        Assert.Equal(200, client.ReadResponse().Status);
        var counters = await WaitForClosedAsync(server, 1);
        Assert.Equal(1, counters.ConnectionsClosed);
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task HalfClose_RequestStillAnsweredThenClosed(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        using var client = server.Connect();

        client.Send(RawClient.Get() + RawClient.Get());
        client.ShutdownSend();

        Assert.Equal(200, client.ReadResponse().Status);
        Assert.Equal(200, client.ReadResponse().Status);
        Assert.True(client.ReadsEndOfStream());
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Stop_WithConnectionsOpen_ClosesThemAndExitsCleanly(EngineCase engine)
    {
        var server = await ServerUnderTest.StartAsync(engine);
        var clients = Enumerable.Range(0, 50).Select(_ => server.Connect()).ToList();
        try
        {
            clients[0].Send(RawClient.Get());
            Assert.Equal(200, clients[0].ReadResponse().Status);
            clients[1].Send("GET / HTTP/1.1\r\n"); // mid-request

            await server.Process.StopAsync(TimeSpan.FromSeconds(20));

            Assert.True(server.Process.HasExited);
            Assert.All(clients, c => Assert.True(c.ReadsEndOfStream()));
            Assert.DoesNotContain("error", server.Process.StandardError, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
            await server.DisposeAsync();
        }
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task ConnectionsComeAndGo_NoDescriptorLeaks(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);

        // One round first, so that whatever the runtime opens lazily is open before the baseline is taken.
        await OneRoundAsync(server, 10);
        var baseline = await server.WaitForHandlesAsync(await server.OpenHandlesAsync());

        await OneRoundAsync(server, 200);
        using (var aborted = server.Connect())
        {
            aborted.Send("GET / HT");
            aborted.Abort();
        }

        Assert.Equal(baseline, await server.WaitForHandlesAsync(baseline));
    }

    private static async Task OneRoundAsync(ServerUnderTest server, int connections)
    {
        var clients = Enumerable.Range(0, connections).Select(_ => server.Connect()).ToList();
        foreach (var client in clients)
        {
            client.Send(RawClient.Get());
            Assert.Equal(200, client.ReadResponse().Status);
            client.Dispose();
        }

        await WaitForClosedAsync(server, (await server.CountersAsync()).ConnectionsAccepted);
    }

    private static async Task<AsyncIoTools.Engines.Contract.EngineCounters> WaitForClosedAsync(ServerUnderTest server, long closed)
    {
        var counters = await server.CountersAsync();
        for (var i = 0; i < 100 && counters.ConnectionsClosed < closed; i++)
        {
            await Task.Delay(50);
            counters = await server.CountersAsync();
        }

        return counters;
    }

    private static async Task<int> ReadStatusAsync(Socket socket)
    {
        var buffer = new byte[4096];
        var received = 0;
        while (true)
        {
            var read = await socket.ReceiveAsync(buffer.AsMemory(received));
            if (read == 0)
            {
                return -1;
            }

            received += read;
            var text = Encoding.ASCII.GetString(buffer, 0, received);
            if (text.Contains("\r\n\r\n", StringComparison.Ordinal) && text.EndsWith("Hello, World!", StringComparison.Ordinal))
            {
                return int.Parse(text.AsSpan(9, 3), System.Globalization.CultureInfo.InvariantCulture);
            }
        }
    }
}
