using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// What an io_uring request works on: a socket's descriptor, or a slot of the ring's fixed-file table
/// (IOSQE_FIXED_FILE), which spares the kernel a descriptor lookup and reference per request.
/// </summary>
internal readonly struct IoUringFile : IEquatable<IoUringFile>
{
    private IoUringFile(int value, bool isFixed)
    {
        Value = value;
        IsFixed = isFixed;
    }

    public bool IsFixed { get; }

    /// <summary>The fixed-file slot; -1 for a descriptor.</summary>
    public int FixedSlot => IsFixed ? Value : -1;

    internal int Value { get; }

    /// <summary>The socket's descriptor; the socket must outlive every request prepared on it.</summary>
    public static IoUringFile Of(NativeSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return new IoUringFile(socket.Descriptor, isFixed: false);
    }

    public static IoUringFile Fixed(int slot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slot);
        return new IoUringFile(slot, isFixed: true);
    }

    public bool Equals(IoUringFile other) => Value == other.Value && IsFixed == other.IsFixed;

    public override bool Equals(object? obj) => obj is IoUringFile other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Value, IsFixed);

    public static bool operator ==(IoUringFile left, IoUringFile right) => left.Equals(right);

    public static bool operator !=(IoUringFile left, IoUringFile right) => !left.Equals(right);

    public override string ToString() => IsFixed ? $"fixed[{Value}]" : "descriptor";
}
