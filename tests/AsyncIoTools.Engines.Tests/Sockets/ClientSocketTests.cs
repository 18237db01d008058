using System.Net;
using System.Net.Sockets;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Tests.Support;

namespace AsyncIoTools.Engines.Tests.Sockets;

/// <summary>
/// The owner-thread calls of <see cref="ClientSocket"/> (what a load worker uses) read errno themselves, without the
/// marshaller's SetLastError: they must still tell "nothing yet" (EAGAIN) from the peer's end and from a real
/// failure (a send to a peer that has gone: EPIPE or ECONNRESET).
/// </summary>
public sealed class ClientSocketTests
{
    [Fact]
    public void OwnedCalls_RoundTrip_WouldBlockWhenEmpty_SeeThePeersEnd_AndFailOnceThePeerHasGone()
    {
        using var listener = NativeSocket.Listen(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false);
        using var client = ClientSocket.Create(AddressFamily.InterNetwork);
        var connect = client.Connect(listener.LocalEndPoint);
        Assert.True(connect.Succeeded || connect.Error == IoError.InProgress, connect.ToString());
        var server = Eventually.Until(() => listener.Accept(out var accepted).Succeeded ? accepted : null, accepted => accepted is not null, "a connection to accept")!;

        var buffer = new byte[64];
        var empty = client.ReceiveOwned(buffer);
        Assert.True(empty.WouldBlock, empty.ToString());
        Assert.Equal("EAGAIN", empty.ErrorName);

        // A non-blocking connect on loopback is done almost at once; until then a send would block.
        var request = "GET / HTTP/1.1\r\n\r\n"u8.ToArray();
        var sent = Eventually.Until(() => client.SendOwned(request), r => !r.WouldBlock && r.Error != IoError.NotConnected, "the send");
        Assert.Equal(request.Length, sent.Value);
        var atServer = new byte[64];
        var arrived = Eventually.Until(() => server.Receive(atServer), r => r.Succeeded, "the request at the server").Value;
        Assert.Equal(request, atServer[..arrived]);

        var answer = "pong"u8.ToArray();
        Assert.Equal(answer.Length, server.Send(answer).Value);
        Assert.Equal(answer, buffer[..ReceiveOwned(client, buffer)]);

        server.Dispose();
        Assert.Equal(0, ReceiveOwned(client, buffer));

        // The first send after the peer's close may still be taken; the peer's RST makes a later one fail.
        var failed = Eventually.Until(() => client.SendOwned(request), r => !r.Succeeded && !r.WouldBlock, "a failed send");
        Assert.Contains(failed.ErrorName, new[] { "EPIPE", "ECONNRESET" });
    }

    private static int ReceiveOwned(ClientSocket client, byte[] buffer) => Eventually.Until(
        () => client.ReceiveOwned(buffer),
        result =>
        {
            Assert.True(result.Succeeded || result.WouldBlock, result.ToString());
            return result.Succeeded;
        },
        "an answer at the client").Value;
}
