using System.Net.Sockets;
using System.Text;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.IoUring;
using AsyncIoTools.Engines.Protocols;
using Xunit;

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
        while (CountOf(received.ToString(), "Hello, World!") < responses)
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

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
