using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// One completion, copied out of the mapped completion queue (the layout of <c>struct io_uring_cqe</c>): the
/// submission's user data, the result (bytes, a descriptor, a fixed-file slot, or a negated errno) and flags.
/// </summary>
[StructLayout(LayoutKind.Sequential)]
internal readonly struct IoUringCompletion
{
    private readonly ulong _userData;
    private readonly int _result;
    private readonly uint _flags;

    internal IoUringCompletion(ulong userData, int result, uint flags)
    {
        _userData = userData;
        _result = result;
        _flags = flags;
    }

    public ulong UserData => _userData;

    /// <summary>The operation's return value; negative values are errnos (see <see cref="Error"/>).</summary>
    public int Result => _result;

    public bool Succeeded => _result >= 0;

    public IoError Error => _result >= 0 ? IoError.None : Errno.ToIoError(-_result);

    /// <summary>The errno's kernel name, for messages.</summary>
    public string ErrorName => Errno.NameOf(-_result);

    /// <summary>IORING_CQE_F_MORE: a multishot request stays armed, or a zero-copy send's notification follows.</summary>
    public bool HasMore => (_flags & Libc.IORING_CQE_F_MORE) != 0;

    /// <summary>IORING_CQE_F_NOTIF: a zero-copy send's buffer may be reused now.</summary>
    public bool IsNotification => (_flags & Libc.IORING_CQE_F_NOTIF) != 0;

    /// <summary>IORING_CQE_F_BUFFER: the data went into the provided buffer <see cref="BufferId"/>.</summary>
    public bool HasBuffer => (_flags & Libc.IORING_CQE_F_BUFFER) != 0;

    public ushort BufferId => (ushort)(_flags >> Libc.IORING_CQE_BUFFER_SHIFT);

    /// <summary>The socket an accept (not a direct one) returned; the caller owns it.</summary>
    public NativeSocket TakeAcceptedSocket(SocketRecycler recycler)
    {
        ArgumentNullException.ThrowIfNull(recycler);
        return _result >= 0 ? recycler.Wrap(_result) : throw new InvalidOperationException($"the accept failed: {ErrorName}");
    }

    /// <summary>The fixed-file slot a direct accept filled.</summary>
    public IoUringFile AcceptedFixedFile() =>
        _result >= 0 ? IoUringFile.Fixed(_result) : throw new InvalidOperationException($"the accept failed: {ErrorName}");

    public override string ToString() => $"user_data={_userData:x16} res={(_result >= 0 ? _result.ToString(System.Globalization.CultureInfo.InvariantCulture) : ErrorName)} flags={_flags:x}";
}
