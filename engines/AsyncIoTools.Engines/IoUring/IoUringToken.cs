namespace AsyncIoTools.Engines.IoUring;

/// <summary>
/// What a completion needs to find its work, packed into the 64-bit user data of the request:
/// kind (8 bits) | connection slot (24 bits) | tag (32 bits: the connection's generation, or a zero-copy
/// send's output chunk). A loop holds at most <see cref="MaxSlot"/> + 1 connections.
/// </summary>
public readonly record struct IoUringToken(IoUringTokenKind Kind, int Slot, uint Tag)
{
    public const int MaxSlot = (1 << 24) - 1;

    public ulong Value
    {
        get
        {
            if ((uint)Slot > MaxSlot)
            {
                throw new InvalidOperationException($"slot {Slot} does not fit in 24 bits");
            }

            return ((ulong)Kind << 56) | ((ulong)(uint)Slot << 32) | Tag;
        }
    }

    public static IoUringToken FromValue(ulong value) => new((IoUringTokenKind)(value >> 56), (int)((value >> 32) & MaxSlot), (uint)value);
}
