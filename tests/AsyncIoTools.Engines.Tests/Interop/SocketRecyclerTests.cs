using System.Net;
using System.Net.Sockets;
using System.Text;
using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.Tests.Interop;

public sealed class SocketRecyclerTests
{
    [Fact]
    public void Accept_AfterAClose_FillsTheSameObjectWithTheNewConnection_AndItCarriesBytes()
    {
        using var listener = NativeSocket.Listen(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false);
        var recycler = new SocketRecycler();

        using var firstClient = Connect(listener);
        Assert.True(recycler.Accept(listener, out var first).Succeeded);
        recycler.Close(first!);
        Assert.True(first!.IsInvalid);
        Assert.Equal(1, recycler.Count);
        Assert.Equal(0, firstClient.Receive(new byte[1]).Value); // the close reached the peer: end of stream

        using var secondClient = Connect(listener);
        Assert.True(recycler.Accept(listener, out var second).Succeeded);
        try
        {
            Assert.Same(first, second);
            Assert.Equal(0, recycler.Count);
            Assert.True(secondClient.Send("ping"u8).Succeeded);
            var buffer = new byte[4];
            Assert.True(second!.Receive(buffer).Succeeded);
            Assert.Equal("ping", Encoding.ASCII.GetString(buffer));
        }
        finally
        {
            second!.Dispose();
        }
    }

    [Fact]
    public void Accept_NothingPending_WouldBlock_AndKeepsTheEmptySocketForLater()
    {
        using var listener = NativeSocket.Listen(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false);
        var recycler = new SocketRecycler();
        using var client = Connect(listener);
        Assert.True(recycler.Accept(listener, out var accepted).Succeeded);
        recycler.Close(accepted!);

        Assert.True(recycler.Accept(listener, out var none).WouldBlock);
        Assert.Null(none);
        Assert.Equal(1, recycler.Count);
    }

    [Fact]
    public void Keep_ADisposedOrStillOpenSocket_IsNotKept()
    {
        var recycler = new SocketRecycler();
        var disposed = NativeSocket.Create(AddressFamily.InterNetwork);
        disposed.Dispose();
        using var open = NativeSocket.Create(AddressFamily.InterNetwork);

        recycler.Keep(disposed);
        recycler.Keep(open);

        Assert.Equal(0, recycler.Count);
    }

    private static NativeSocket Connect(NativeSocket listener)
    {
        var client = NativeSocket.Create(AddressFamily.InterNetwork, nonBlocking: false);
        Assert.True(client.Connect(listener.LocalEndPoint).Succeeded);
        return client;
    }
}
