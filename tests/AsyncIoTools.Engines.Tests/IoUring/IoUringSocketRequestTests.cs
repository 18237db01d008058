using System.Net;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Tests.IoUring;

/// <summary>The socket requests the engine relies on, each against a loopback connection.</summary>
public sealed class IoUringSocketRequestTests : IDisposable
{
    private readonly NativeSocket _listener = NativeSocket.Listen(new IPEndPoint(IPAddress.Loopback, 0), 16, reusePort: false);
    private readonly IoUringRing _ring = IoUringRing.Create(new IoUringRingOptions { Entries = 16 });
    private readonly IoUringCompletion[] _completions = new IoUringCompletion[16];

    [IoUringFact]
    public void MultishotAccept_TwoConnections_TwoCompletionsAndStillArmed()
    {
        _ring.PrepareAccept(_listener, 1, multishot: true);
        using var first = Connect();
        using var second = Connect();

        var accepted = Take(2);

        Assert.All(accepted, c => Assert.True(c.Succeeded, c.ToString()));
        Assert.All(accepted, c => Assert.True(c.HasMore));
        foreach (var completion in accepted)
        {
            completion.TakeAcceptedSocket(new SocketRecycler()).Dispose();
        }
    }

    [IoUringFact]
    public void MultishotReceive_WithABufferRing_DeliversEachWriteIntoAProvidedBuffer()
    {
        using var buffers = _ring.RegisterBufferRing(3, 4, 256);
        using var client = Connect();
        using var server = AcceptOne();
        _ring.PrepareMultishotReceive(IoUringFile.Of(server), buffers, 9);
        _ring.Submit();

        var received = new List<byte>();
        foreach (var text in new[] { "one"u8.ToArray(), "two"u8.ToArray() })
        {
            Assert.Equal(3, client.Send(text).Value);
            var completion = Take(1)[0];
            Assert.True(completion.HasBuffer && completion.HasMore, completion.ToString());
            received.AddRange(buffers.Read(completion.BufferId, completion.Result).ToArray());
            buffers.Recycle(completion.BufferId);
            buffers.Publish();
        }

        Assert.Equal("onetwo"u8.ToArray(), received.ToArray());
    }

    [IoUringFact]
    public void SendZeroCopy_ReportsTheBytesThenANotification()
    {
        using var client = Connect();
        using var server = AcceptOne();
        using var buffer = NativeBuffer.Allocate(64);
        "hello"u8.CopyTo(buffer.Span);

        _ring.PrepareSendZeroCopy(IoUringFile.Of(server), buffer, 0, 5, 77);
        var completions = Take(2);

        Assert.Equal(5, completions[0].Result);
        Assert.True(completions[0].HasMore);
        Assert.True(completions[1].IsNotification);
        Assert.All(completions, c => Assert.Equal(77UL, c.UserData));
        var echo = new byte[5];
        Assert.Equal(5, client.Receive(echo).Value);
        Assert.Equal("hello"u8.ToArray(), echo);
    }

    [IoUringFact]
    public void AcceptDirect_IntoASparseTable_GivesASlotThatSendsAndCloses()
    {
        _ring.RegisterSparseFiles(8);
        _ring.PrepareAccept(_listener, 1, direct: true);
        using var client = Connect();
        var accepted = Take(1)[0];
        Assert.True(accepted.Succeeded, accepted.ToString());
        var file = accepted.AcceptedFixedFile();
        using var buffer = NativeBuffer.Allocate(8);
        "ok"u8.CopyTo(buffer.Span);

        _ring.PrepareSetOption(file, SocketOption.NoDelay, 1, 2);
        _ring.PrepareSend(file, buffer, 0, 2, 3);
        _ring.PrepareCloseFixed(file, 4);
        var completions = Take(3).OrderBy(c => c.UserData).ToArray();

        Assert.All(completions, c => Assert.True(c.Succeeded, c.ToString()));
        var received = new byte[8];
        Assert.Equal(2, client.Receive(received).Value);
        Assert.Equal(0, client.Receive(received).Value); // The fixed slot held the only reference: closing it closed the socket.
    }

    [IoUringFact]
    public void QuietSend_TheSocketTakesItAll_PostsNoCompletion()
    {
        using var client = Connect();
        using var server = AcceptOne();
        using var buffer = NativeBuffer.Allocate(64);
        "hello"u8.CopyTo(buffer.Span);

        _ring.PrepareSend(IoUringFile.Of(server), buffer, 0, 5, 5, quiet: true);
        _ring.Submit();

        Assert.Equal(0, _ring.Unsubmitted);
        Assert.Equal(0, _ring.CompletionsReady);
        var received = new byte[5];
        Assert.Equal(5, client.Receive(received).Value);
        Assert.Equal("hello"u8.ToArray(), received);
    }

    [IoUringFact]
    public void QuietSend_TheSocketIsFull_CompletesWithEagainInsideTheSubmittingEnter()
    {
        using var client = Connect();
        using var server = AcceptOne();
        using var buffer = NativeBuffer.Allocate(65536);
        Fill(server, buffer);

        _ring.PrepareSend(IoUringFile.Of(server), buffer, 0, 100, 6, quiet: true);
        _ring.Submit();

        Assert.Equal(1, _ring.CompletionsReady); // Already there: no poll was armed to finish it later.
        var refused = Take(1)[0];
        Assert.Equal(IoError.WouldBlock, refused.Error);
    }

    [IoUringFact]
    public void QuietSend_RoomForPart_CompletesWithTheBytesItSent()
    {
        using var client = Connect();
        using var server = AcceptOne();
        using var buffer = NativeBuffer.Allocate(4 << 20);
        Fill(server, buffer);
        var drained = new byte[256 * 1024];
        Assert.True(client.Receive(drained).Value > 0);

        IoUringCompletion sent = default;
        for (var attempt = 0; attempt < 200; attempt++)
        {
            _ring.PrepareSend(IoUringFile.Of(server), buffer, 0, buffer.Length, 7, quiet: true);
            _ring.Submit();
            Assert.Equal(1, _ring.CompletionsReady); // 4 MiB never fits: it completes, at once, either way.
            sent = Take(1)[0];
            if (sent.Error != IoError.WouldBlock)
            {
                break;
            }

            Thread.Sleep(10); // The window opens when the client's read is acknowledged.
        }

        Assert.True(sent.Succeeded, sent.ToString());
        Assert.InRange(sent.Result, 1, buffer.Length - 1);
    }

    public void Dispose()
    {
        _ring.Dispose();
        _listener.Dispose();
    }

    private NativeSocket Connect()
    {
        var client = NativeSocket.Create(System.Net.Sockets.AddressFamily.InterNetwork, nonBlocking: false);
        client.Connect(_listener.LocalEndPoint).ValueOrThrow("connect");
        return client;
    }

    private NativeSocket AcceptOne()
    {
        _ring.PrepareAccept(_listener, 100);
        var accepted = Take(1)[0];
        return accepted.TakeAcceptedSocket(new SocketRecycler());
    }

    /// <summary>Sends from <paramref name="buffer"/> until the socket takes no more.</summary>
    private static void Fill(NativeSocket socket, NativeBuffer buffer)
    {
        socket.SetBlocking(false);
        var chunk = buffer.Span[..Math.Min(buffer.Length, 65536)];
        while (true)
        {
            var result = socket.Send(chunk);
            if (!result.Succeeded)
            {
                Assert.True(result.WouldBlock, result.ToString());
                return;
            }
        }
    }

    private IoUringCompletion[] Take(int count)
    {
        var taken = new List<IoUringCompletion>();
        for (var round = 0; round < 200 && taken.Count < count; round++)
        {
            _ring.SubmitAndWait(1, timeoutMilliseconds: 50);
            var reaped = _ring.Reap(_completions.AsSpan(0, count - taken.Count));
            taken.AddRange(_completions[..reaped]);
        }

        Assert.Equal(count, taken.Count);
        return taken.ToArray();
    }
}
