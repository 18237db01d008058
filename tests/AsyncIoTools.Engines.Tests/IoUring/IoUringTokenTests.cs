using AsyncIoTools.Engines.IoUring;

namespace AsyncIoTools.Engines.Tests.IoUring;

public sealed class IoUringTokenTests
{
    [Theory]
    [InlineData(IoUringTokenKind.Receive, 0, 0u)]
    [InlineData(IoUringTokenKind.Send, 1, 1u)]
    [InlineData(IoUringTokenKind.SendZeroCopy, IoUringToken.MaxSlot, uint.MaxValue)]
    [InlineData(IoUringTokenKind.SetOption, 123_456, 0x8000_0001u)]
    public void Value_RoundTrips_KindSlotAndTag(IoUringTokenKind kind, int slot, uint tag)
    {
        var token = new IoUringToken(kind, slot, tag);

        Assert.Equal(token, IoUringToken.FromValue(token.Value));
    }

    [Fact]
    public void Value_KindIsTheTopByte()
    {
        var value = new IoUringToken(IoUringTokenKind.Accept, 5, 7).Value;

        Assert.Equal((byte)IoUringTokenKind.Accept, (byte)(value >> 56));
        Assert.Equal(7u, (uint)value);
    }

    [Fact]
    public void Value_SlotBeyond24Bits_IsRefused()
    {
        var token = new IoUringToken(IoUringTokenKind.Receive, IoUringToken.MaxSlot + 1, 0);

        Assert.Throws<InvalidOperationException>(() => token.Value);
    }
}
