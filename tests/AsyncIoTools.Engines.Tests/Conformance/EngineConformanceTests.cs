using System.Net.Sockets;
using System.Text;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.Tests.Conformance;

/// <summary>
/// What every engine must do, the same for all: the HTTP and echo behaviour a client relies on, many
/// connections at once, misbehaving clients, and a clean stop that leaks nothing.
/// </summary>
public sealed class EngineConformanceTests
{
    /// <summary>What a connection the server closed without answering reads as.</summary>
    private const int Refused = -1;

    /// <summary>Descriptors the .NET runtime may open or close of its own accord during a test (assemblies, /proc reads).</summary>
    private const int RuntimeFileSlack = 8;

    private static readonly byte[] Request = Encoding.ASCII.GetBytes(RawClient.Get());

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

        await server.SendByteByByteAsync(client, RawClient.Get("/", "User-Agent: split-test\r\n"));

        Assert.Equal(200, client.ReadResponse().Status);
    }

    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Http_PipelinedRequestSplitAcrossWrites_IsKeptAndAnswered(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        using var client = server.Connect();

        // A whole request and half of the next in one write: the half must wait for its rest.
        await server.SendAndWaitReadAsync(client, RawClient.Get() + "GET /miss");
        Assert.Equal(200, client.ReadResponse().Status);
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

    /// <summary>
    /// Strict for engines without a descriptor ceiling: all 1,000 answered. An engine with one (select: FD_SETSIZE)
    /// cannot hold a descriptor numbered past it, so each connection is either answered or refused and counted;
    /// the refused ones are exactly those past the ceiling (every number below it is taken, none above is open);
    /// and the answered ones go on being served after the refusals.
    /// </summary>
    [EngineTheory]
    [MemberData(nameof(Engines))]
    public async Task Http_AThousandConcurrentConnections_AreAllAnsweredOrRefusedPastTheDescriptorCeiling(EngineCase engine)
    {
        await using var server = await ServerUnderTest.StartAsync(engine);
        var own = server.Descriptors();
        var ownSockets = own.Count(IsSocket);
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
            var statuses = await Task.WhenAll(sockets.Select(AskAsync));
            if (engine.DescriptorCeiling is not { } ceiling)
            {
                Assert.All(statuses, status => Assert.Equal(200, status));
                var counters = await server.CountersAsync();
                Assert.Equal(1000, counters.ConnectionsAccepted);
                Assert.Equal(1000, counters.Requests);
                return;
            }

            Assert.All(statuses, status => Assert.True(status is 200 or Refused, $"status {status}"));
            var answered = statuses.Count(status => status == 200);
            var seen = await server.CountersWhenAsync(c => c.ConnectionsAccepted + c.ConnectionsRefused >= 1000, "all 1000 connections accepted or refused");
            Assert.Equal(answered, seen.ConnectionsAccepted);
            Assert.Equal(answered, seen.Requests);
            Assert.Equal(1000 - answered, seen.ConnectionsRefused);

            // Refused only past the ceiling: the server's sockets are its own plus the answered ones, none is
            // numbered past the ceiling, and the room below it was used up — but for the few numbers the runtime's
            // own files take and leave as it goes (it opens and closes files of its own while it serves).
            var descriptors = server.Descriptors();
            Assert.Equal(ownSockets + answered, descriptors.Count(IsSocket));
            Assert.DoesNotContain(descriptors, d => d.Number >= ceiling && IsSocket(d));
            if (seen.ConnectionsRefused > 0)
            {
                // Counted on the descriptors open now, not those at start: files the runtime opened since and keeps
                // (and that took numbers the connections would have had) are not room left unused.
                var unused = ceiling - descriptors.Count(d => d.Number < ceiling);
                Assert.True(Math.Abs(unused) <= RuntimeFileSlack, $"{unused} descriptor numbers below {ceiling} left unused while {seen.ConnectionsRefused} connections were refused");
            }

            var servedAgain = await Task.WhenAll(sockets.Where((_, i) => statuses[i] == 200).Select(AskAsync));
            Assert.All(servedAgain, status => Assert.Equal(200, status));
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
            await server.SendAndWaitReadAsync(quitter, "GET / HTTP/1.1\r\nHo");
            quitter.Abort();
        }

        using var client = server.Connect();
        client.Send(RawClient.Get());

        Assert.Equal(200, client.ReadResponse().Status);
        var counters = await server.CountersWhenAsync(c => c.ConnectionsClosed >= 1, "the aborted connection closed");
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
        var before = await server.KernelObjectsAsync();

        await OneRoundAsync(server, 200);
        using (var aborted = server.Connect())
        {
            aborted.Send("GET / HT");
            aborted.Abort();
        }

        // A leak is a kernel object left open: a socket, pipe, epoll or eventfd. Files the runtime maps late are
        // not (.NET's sockets throw on a reset, and its first exception loads stack-trace assemblies and a .pdb).
        await server.WaitForKernelObjectsAsync(before);
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

        var accepted = (await server.CountersAsync()).ConnectionsAccepted;
        await server.CountersWhenAsync(c => c.ConnectionsClosed >= accepted, $"all {accepted} connections closed");
    }



    private static bool IsSocket((int Number, string Target) descriptor) => descriptor.Target.StartsWith("socket:", StringComparison.Ordinal);

    /// <summary>Sends one request; the status of its answer, or <see cref="Refused"/> if the server closed instead.</summary>
    private static async Task<int> AskAsync(Socket socket)
    {
        try
        {
            await socket.SendAsync(Request);
            return await ReadStatusAsync(socket);
        }
        catch (SocketException)
        {
            return Refused;
        }
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
                return Refused;
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
