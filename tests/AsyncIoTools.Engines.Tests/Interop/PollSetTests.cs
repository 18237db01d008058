using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Tests.Interop;

/// <summary>The pollfd array: kept dense by moving the last entry into a hole, and read back by poll(2).</summary>
public sealed class PollSetTests : IDisposable
{
    private readonly List<NativeSocket> _sockets = [];

    [Fact]
    public void Remove_FirstOfThree_MovesTheLastIntoItsPlace()
    {
        var (a, b, c) = (Socket(), Socket(), Socket());
        var set = Readable((a, 1), (b, 2), (c, 3));

        set.Remove(a);

        Assert.Equal(2, set.Count);
        Assert.Equal(3ul, set.TokenAt(0));
        Assert.Equal(2ul, set.TokenAt(1));
        Assert.False(set.Contains(a));
        Assert.True(set.Contains(c));
    }

    [Fact]
    public void Modify_AnEntryMovedByARemoval_FindsItAtItsNewPlace()
    {
        var (a, b, c) = (Socket(), Socket(), Socket());
        var set = Readable((a, 1), (b, 2), (c, 3));
        set.Remove(a);

        set.Modify(c, IoEvents.Writable, 33);
        set.Remove(b);

        Assert.Equal(1, set.Count);
        Assert.Equal(33ul, set.TokenAt(0));
        Assert.Equal(IoEvents.Writable, set.InterestAt(0));
    }

    [Fact]
    public void Wait_OneEntryReadable_ReportsItAtItsIndexAndNoOther()
    {
        var (aPeer, a) = Pair();
        var (bPeer, b) = Pair();
        var (cPeer, c) = Pair();
        var set = Readable((a, 10), (b, 20), (c, 30));
        set.Remove(a); // c now sits at index 0.

        Assert.True(cPeer.Send([1]).Succeeded);
        Assert.Equal(1, set.Wait(5000));

        Assert.Equal(30ul, set.TokenAt(0));
        Assert.Equal(IoEvents.Readable, set.ReturnedAt(0) & IoEvents.Readable);
        Assert.Equal(IoEvents.None, set.ReturnedAt(1));
        GC.KeepAlive(aPeer);
        GC.KeepAlive(bPeer);
    }

    [Fact]
    public void Wait_PeerClosed_ReportsHangUpOrReadable()
    {
        var (peer, socket) = Pair();
        var set = new PollSet();
        set.Add(socket, IoEvents.Readable | IoEvents.ReadHangUp, 7);

        peer.Dispose();

        Assert.Equal(1, set.Wait(5000));
        Assert.NotEqual(IoEvents.None, set.ReturnedAt(0) & (IoEvents.HangUp | IoEvents.ReadHangUp | IoEvents.Readable));
    }

    [Fact]
    public void Wait_NothingReadyAndZeroTimeout_ReturnsZero()
    {
        var set = Readable((Socket(), 1));

        Assert.Equal(0, set.Wait(0));
        Assert.Equal(IoEvents.None, set.ReturnedAt(0));
    }

    [Fact]
    public void AddTwiceOrRemoveAbsent_Throws()
    {
        var socket = Socket();
        var set = new PollSet();
        set.Add(socket, IoEvents.Readable, 1);

        Assert.Throws<InvalidOperationException>(() => set.Add(socket, IoEvents.Readable, 2));
        set.Remove(socket);
        Assert.Throws<InvalidOperationException>(() => set.Remove(socket));
    }

    [Fact]
    public void Add_ManyEntries_GrowsAndKeepsEveryToken()
    {
        var set = new PollSet();
        var sockets = Enumerable.Range(0, 300).Select(_ => Socket()).ToArray();
        for (var i = 0; i < sockets.Length; i++)
        {
            set.Add(sockets[i], IoEvents.Readable, (ulong)i);
        }

        Assert.Equal(300, set.Count);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => (ulong)i), Enumerable.Range(0, 300).Select(set.TokenAt));
    }

    public void Dispose()
    {
        _sockets.ForEach(s => s.Dispose());
    }

    /// <summary>A set watching each socket for reading, under its token, in this order.</summary>
    private static PollSet Readable(params (NativeSocket Socket, ulong Token)[] entries)
    {
        var set = new PollSet();
        foreach (var (socket, token) in entries)
        {
            set.Add(socket, IoEvents.Readable, token);
        }

        return set;
    }

    private NativeSocket Socket() => Pair().Socket;

    private (NativeSocket Peer, NativeSocket Socket) Pair()
    {
        var (first, second) = NativeSocket.CreatePair();
        _sockets.Add(first);
        _sockets.Add(second);
        return (first, second);
    }
}
