using System.Globalization;
using System.Net.Sockets;
using System.Text;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.IoUring;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Tests.IoUring;

public sealed class IoUringEngineTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    public static TheoryData<string> Variants() => new(IoUringEngine.Definition.Variants.Select(v => v.Name));

    [IoUringTheory]
    [MemberData(nameof(Variants))]
    public async Task Serve_OneRequest_AnswersAndStops(string variant)
    {
        await using var server = Start(variant, ProtocolSettings.Http);
        using var client = await ConnectAsync(server);

        var response = await ExchangeAsync(client, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n", 1);

        Assert.StartsWith("HTTP/1.1 200 OK", response, StringComparison.Ordinal);
        Assert.EndsWith("Hello, World!", response, StringComparison.Ordinal);
        await server.StopAsync().WaitAsync(s_timeout);
        Assert.True(server.Completion.IsCompletedSuccessfully);
    }

    [IoUringTheory]
    [InlineData("baseline")]
    [InlineData("registered-files")]
    public async Task Serve_SingleAcceptorWithTwoLoops_ServesEveryConnection(string variant)
    {
        var settings = new ServerSettings { Engine = IoUringEngine.Name, Variant = variant, Loops = 2, Accept = AcceptMode.SingleAcceptor };
        await using var server = EngineRegistry.Default.Create(settings);
        server.Start();
        var clients = new List<Socket>();
        for (var i = 0; i < 8; i++)
        {
            clients.Add(await ConnectAsync(server));
        }

        foreach (var client in clients)
        {
            Assert.EndsWith("Hello, World!", await ExchangeAsync(client, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n", 1), StringComparison.Ordinal);
            client.Dispose();
        }

        Assert.Equal(8, server.ReadCounters().ConnectionsAccepted);
    }

    [IoUringTheory]
    [InlineData("default")]
    [InlineData("send-zc")]
    public async Task Serve_SplitWritesWithCork_PipelinedAnswersArriveWhole(string variant)
    {
        var settings = new ServerSettings
        {
            Engine = IoUringEngine.Name,
            Variant = variant,
            Loops = 1,
            Protocol = ProtocolSettings.Http with { SplitWrites = true },
            Tuning = SocketTuning.Default with { Cork = true },
        };
        await using var server = EngineRegistry.Default.Create(settings);
        server.Start();
        using var client = await ConnectAsync(server);

        var response = await ExchangeAsync(client, string.Concat(Enumerable.Repeat("GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n", 16)), 16);

        Assert.Equal(16, Occurrences.Count(response, "HTTP/1.1 200 OK"));
        Assert.Equal(16, server.ReadCounters().Requests);
    }

    [IoUringFact]
    public async Task Counters_AfterRequests_CountWaitsAndCompletionsButNoReadOrWriteSyscalls()
    {
        var counters = await TenRequestsAsync("send-completions", c => c.EventsReturned >= 21, "the accept's completion, and a receive and a send completion per request");

        Assert.Equal(10, counters.Requests);
        Assert.True(counters.SyscallsOf(AsyncIoTools.Engines.Contract.SyscallKind.Wait) > 0);
        Assert.Equal(0, counters.SyscallsOf(AsyncIoTools.Engines.Contract.SyscallKind.Read));
        Assert.Equal(0, counters.SyscallsOf(AsyncIoTools.Engines.Contract.SyscallKind.Write));
    }

    [IoUringFact]
    public async Task QuietSends_OneRequestAtATime_CostNoSendCompletionAndFewerWaits()
    {
        // A quiet server has counted all it will once the client holds the tenth answer: that send posts nothing.
        var quiet = await TenRequestsAsync("default", _ => true, "ten requests");
        var loud = await TenRequestsAsync("send-completions", c => c.EventsReturned - quiet.EventsReturned >= 10, "ten more completions than the quiet server's");

        Assert.Equal(10, quiet.Requests);
        Assert.Equal(10, loud.EventsReturned - quiet.EventsReturned); // The ten send completions, and nothing else.
        Assert.True(
            quiet.SyscallsOf(SyscallKind.Wait) < loud.SyscallsOf(SyscallKind.Wait),
            $"waits: quiet {quiet.SyscallsOf(SyscallKind.Wait)}, with send completions {loud.SyscallsOf(SyscallKind.Wait)}");
    }

    [IoUringTheory]
    [InlineData("default")]
    [InlineData("send-completions")]
    public async Task PipelinedRequests_ToAClientNotReading_AreAllAnsweredInOrderOnceItReads(string variant)
    {
        // Answers several times what the socket buffers hold: quiet sends meet a full socket (EAGAIN) and a short
        // one, and the rest must still go, once, in order.
        const int Requests = 60_000;
        await using var server = Start(variant, ProtocolSettings.Http);
        using var client = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 4096 };
        await client.ConnectAsync(server.LocalEndPoint).WaitAsync(s_timeout);
        var requests = new StringBuilder();
        for (var i = 0; i < Requests; i++)
        {
            requests.Append(CultureInfo.InvariantCulture, $"GET /plaintext?{i} HTTP/1.1\r\nHost: x\r\n\r\n");
        }

        var sending = client.SendAsync(Encoding.ASCII.GetBytes(requests.ToString()), SocketFlags.None);
        await Task.Delay(500); // The client reads nothing yet: the server's sends fill its socket.
        var received = new MemoryStream();
        var buffer = new byte[65536];
        var answered = 0;
        while (answered < Requests)
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(s_timeout);
            Assert.NotEqual(0, read);
            received.Write(buffer, 0, read);
            answered += Occurrences.Count(Encoding.ASCII.GetString(buffer, 0, read), "!");
        }

        await sending.WaitAsync(s_timeout);
        var text = Encoding.ASCII.GetString(received.ToArray());
        Assert.Equal(Requests, Occurrences.Count(text, "HTTP/1.1 200 OK"));
        Assert.Equal(Requests, Occurrences.Count(text, "Hello, World!"));
        Assert.Equal(Requests, server.ReadCounters().Requests);
    }

    /// <summary>
    /// The server's counters after ten requests, once <paramref name="settled"/> holds: the client may read the tenth
    /// answer before the loop reaps that send's completion (CI saw 9 of 10).
    /// </summary>
    private static async Task<EngineCounters> TenRequestsAsync(string variant, Func<EngineCounters, bool> settled, string what)
    {
        await using var server = Start(variant, ProtocolSettings.Http);
        using var client = await ConnectAsync(server);
        for (var i = 0; i < 10; i++)
        {
            await ExchangeAsync(client, "GET /plaintext HTTP/1.1\r\nHost: x\r\n\r\n", 1);
        }

        return await Eventually.UntilAsync(server.ReadCounters, settled, $"the {variant} server's counters to show {what}", describe: c => $"{c.EventsReturned} events");
    }

    private static IServerEngine Start(string variant, ProtocolSettings protocol, int loops = 1)
    {
        var server = EngineRegistry.Default.Create(new ServerSettings { Engine = IoUringEngine.Name, Variant = variant, Protocol = protocol, Loops = loops });
        server.Start();
        return server;
    }

    private static async Task<Socket> ConnectAsync(IServerEngine server)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(server.LocalEndPoint).WaitAsync(s_timeout);
        return socket;
    }

    /// <summary>Sends <paramref name="request"/> and reads until <paramref name="responses"/> HTTP responses have come.</summary>
    private static async Task<string> ExchangeAsync(Socket client, string request, int responses)
    {
        await client.SendAsync(Encoding.ASCII.GetBytes(request), SocketFlags.None).WaitAsync(s_timeout);
        var received = new StringBuilder();
        var buffer = new byte[65536];
        while (Occurrences.Count(received.ToString(), "Hello, World!") < responses)
        {
            var read = await client.ReceiveAsync(buffer, SocketFlags.None).WaitAsync(s_timeout);
            if (read == 0)
            {
                break;
            }

            received.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return received.ToString();
    }
}
