using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Reactor;

namespace AsyncIoTools.Engines.Tests.EventLoop;

public sealed class ConnectionSlotsTests
{
    [Fact]
    public void Free_ThenAllocate_ReusesTheSlotAndItsObject()
    {
        var slots = new ConnectionSlots<ReactorConnection>();
        var (first, connection) = slots.Allocate();
        connection.Generation = 7;
        slots.Free(first);

        var (again, reused) = slots.Allocate();

        Assert.Equal(first, again);
        Assert.Same(connection, reused);
        Assert.Equal(7u, reused.Generation);
    }

    [Fact]
    public void Indexer_FreedSlot_IsNull()
    {
        var slots = new ConnectionSlots<ReactorConnection>();
        var (slot, _) = slots.Allocate();
        slots.Free(slot);

        Assert.Null(slots[slot]);
        Assert.Null(slots[12345]);
        Assert.Throws<InvalidOperationException>(() => slots.Free(slot));
    }

    [Fact]
    public void Allocate_ManyMoreThanTheInitialSize_GrowsAndKeepsEveryObject()
    {
        var slots = new ConnectionSlots<ReactorConnection>();
        var taken = Enumerable.Range(0, 5000).Select(_ => slots.Allocate()).ToList();

        Assert.Equal(5000, slots.Count);
        Assert.Equal(5000, taken.Select(t => t.Slot).Distinct().Count());
        Assert.All(taken, t => Assert.Same(t.Item, slots[t.Slot]));
        Assert.Equal(5000, slots.InUse().Count);
    }
}
