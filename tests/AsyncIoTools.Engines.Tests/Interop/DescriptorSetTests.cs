using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Tests.Interop;

/// <summary>fd_set's bit math, checked against the kernel's own reading of the bitmap through select(2).</summary>
public sealed class DescriptorSetTests
{
    [Fact]
    public void TryAdd_DescriptorAtFdSetSizeOrAbove_IsRefusedAndSetsNothing()
    {
        var (first, second) = NativeSocket.CreatePair();
        using var a = first;
        using var b = second;
        using var high = a.Duplicate(DescriptorSet.Capacity);
        var set = new DescriptorSet();

        Assert.False(DescriptorSet.CanHold(high));
        Assert.False(set.TryAdd(high));
        Assert.Equal(0, set.Count);
        Assert.False(set.Contains(high));
    }

    [Fact]
    public void Select_OneReadyAmongDescriptorsAroundWordBoundaries_ReportsExactlyThatOne()
    {
        // Descriptors on both sides of 64-bit word boundaries and at the very last bit: if our bit for a number
        // were not the kernel's, select would watch another descriptor and report the wrong one, or none.
        var anchors = new[] { 703, 704, 767, 768, DescriptorSet.Capacity - 1 };
        var pairs = anchors.Select(_ => NativeSocket.CreatePair()).ToArray();
        var watched = pairs.Select((pair, i) => pair.First.Duplicate(anchors[i])).ToArray();
        try
        {
            Assert.All(watched, socket => Assert.True(DescriptorSet.CanHold(socket)));
            for (var ready = 0; ready < watched.Length; ready++)
            {
                var set = new DescriptorSet();
                Assert.All(watched, socket => Assert.True(set.TryAdd(socket)));
                Assert.Equal(watched.Length, set.Count);

                Assert.True(pairs[ready].Second.Send([42]).Succeeded);
                Assert.Equal(1, DescriptorSet.Select(set, null, null, 5000));

                for (var i = 0; i < watched.Length; i++)
                {
                    Assert.Equal(i == ready, set.Contains(watched[i]));
                }

                Assert.Equal(1, pairs[ready].First.Receive(new byte[8]).Value);
            }
        }
        finally
        {
            foreach (var socket in watched.Concat(pairs.SelectMany(p => new[] { p.First, p.Second })))
            {
                socket.Dispose();
            }
        }
    }

    [Fact]
    public void Remove_OneOfTwoInTheSameWord_LeavesTheOther()
    {
        var (first, second) = NativeSocket.CreatePair();
        using var a = first;
        using var b = second;
        var set = new DescriptorSet();
        Assert.True(set.TryAdd(a));
        Assert.True(set.TryAdd(b));

        set.Remove(a);

        Assert.False(set.Contains(a));
        Assert.True(set.Contains(b));
        Assert.Equal(1, set.Count);
    }

    [Fact]
    public void Select_NothingReadyAndZeroTimeout_ReturnsZeroAndEmptiesTheSet()
    {
        var (first, second) = NativeSocket.CreatePair();
        using var a = first;
        using var b = second;
        var set = new DescriptorSet();
        Assert.True(set.TryAdd(a));

        Assert.Equal(0, DescriptorSet.Select(set, null, null, 0));
        Assert.Equal(0, set.Count);
    }

    [Fact]
    public void Select_WriteSetOfAnIdleSocket_ReportsItWritable()
    {
        var (first, second) = NativeSocket.CreatePair();
        using var a = first;
        using var b = second;
        var read = new DescriptorSet();
        var write = new DescriptorSet();
        Assert.True(read.TryAdd(a));
        Assert.True(write.TryAdd(a));

        Assert.Equal(1, DescriptorSet.Select(read, write, null, 5000));
        Assert.False(read.Contains(a));
        Assert.True(write.Contains(a));
    }
}
