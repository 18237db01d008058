using System.Net;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Tests.Sockets;

namespace AsyncIoTools.Engines.Tests.Interop;

public sealed class NativeSocketTests
{
    [Fact]
    public void Bind_PortInUse_RaisesAnErrnoExceptionNamingEaddrinuse()
    {
        using var first = NativeSocket.Listen(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false);
        using var second = NativeSocket.Create(System.Net.Sockets.AddressFamily.InterNetwork);

        var failure = Assert.Throws<ErrnoException>(() => second.Bind(first.LocalEndPoint));

        Assert.Equal("EADDRINUSE", failure.ErrnoName);
        Assert.Equal(IoError.AddressInUse, failure.Error);
        Assert.StartsWith("bind: EADDRINUSE", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptAndReceive_NothingPending_WouldBlockWithoutThrowing()
    {
        using var listener = NativeSocket.Listen(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false);
        using var client = NativeSocket.Create(System.Net.Sockets.AddressFamily.InterNetwork, nonBlocking: false);
        Assert.True(client.Connect(listener.LocalEndPoint).Succeeded);

        var accepted = listener.Accept(out var server);
        Assert.True(accepted.Succeeded);
        using (server)
        {
            var result = server!.Receive(new byte[16]);
            Assert.True(result.WouldBlock);
            Assert.Equal("EAGAIN", result.ErrorName);

            Assert.True(listener.Accept(out var none).WouldBlock);
            Assert.Null(none);
        }
    }

    [Fact]
    public void CongestionControl_SetOnTheListener_IsWhatAnAcceptedConnectionUses()
    {
        var control = TcpCongestion.OtherThanTheDefault();
        using var listener = NativeSocket.Listen(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false, nonBlocking: false);
        using var client = NativeSocket.Create(System.Net.Sockets.AddressFamily.InterNetwork, nonBlocking: false);

        listener.SetCongestionControl(control);
        Assert.True(client.Connect(listener.LocalEndPoint).Succeeded);
        Assert.True(listener.Accept(out var server).Succeeded);
        using (server)
        {
            Assert.Equal(control, listener.CongestionControl());
            Assert.Equal(control, server!.CongestionControl());
            Assert.Equal(TcpCongestion.Default, client.CongestionControl());
        }
    }

    [Fact]
    public void CongestionControl_OneTheKernelLacks_FailsWithEnoent()
    {
        using var listener = NativeSocket.Listen(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false);

        var failure = Assert.Throws<ErrnoException>(() => listener.SetCongestionControl("nosuchcc"));

        Assert.Equal("ENOENT", failure.ErrnoName);
        Assert.Equal(TcpCongestion.Default, listener.CongestionControl());
    }

    [Fact]
    public async Task EverySyscall_IsCountedInTheCallingThreadsTally()
    {
        // A fresh thread has a fresh tally: count exactly what this sequence makes.
        var counts = await Task.Factory.StartNew(() =>
        {
            var tally = SyscallTally.Current;
            using (var listener = NativeSocket.Listen(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false))
            {
                _ = listener.Accept(out _);
                _ = listener.Accept(out _);
            }

            return (Socket: tally[SyscallKind.Socket], Option: tally[SyscallKind.Option], Accept: tally[SyscallKind.Accept], Close: tally[SyscallKind.Close]);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // socket + bind + listen; SO_REUSEADDR; two accept4; one close.
        Assert.Equal((3L, 1L, 2L, 1L), counts);
    }

    [Fact]
    public void Discard_DropsTheFirstBytesOfAStream_AndTheRestArrivesInOrder()
    {
        using var listener = NativeSocket.Listen(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false);
        using var client = NativeSocket.Create(System.Net.Sockets.AddressFamily.InterNetwork, nonBlocking: false);
        Assert.True(client.Connect(listener.LocalEndPoint).Succeeded);
        Assert.True(listener.Accept(out var server).Succeeded);
        using (server)
        {
            var payload = Enumerable.Range(0, 3000).Select(i => (byte)(i % 251)).ToArray();
            Assert.Equal(payload.Length, client.Send(payload).Value);
            var dropped = Eventually.Until(() => server!.Discard(1000), d => !d.WouldBlock, "the sent bytes to arrive for discarding");

            var rest = new byte[4000];
            var received = server!.Receive(rest);

            Assert.Equal(1000, dropped.Value);
            Assert.Equal(2000, received.Value);
            Assert.Equal(payload[1000..], rest[..2000]);
        }
    }
}
