using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>The requests, each written in place into the next submission queue entry (liburing's io_uring_prep_*).</summary>
internal sealed unsafe partial class IoUringRing
{
    /// <summary>A request that does nothing but complete: the round trip of the rings themselves.</summary>
    public void PrepareNop(ulong userData) => NextEntry(Libc.IORING_OP_NOP, userData);

    /// <summary>
    /// Accepts on <paramref name="listener"/>. <paramref name="multishot"/>: one request keeps accepting, one
    /// completion per connection, until a completion comes without <see cref="IoUringCompletion.HasMore"/>.
    /// <paramref name="direct"/>: the connection goes into a free slot of the fixed-file table, never into the
    /// descriptor table (the completion's result is the slot).
    /// </summary>
    public void PrepareAccept(NativeSocket listener, ulong userData, bool multishot = false, bool direct = false)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var sqe = NextEntry(Libc.IORING_OP_ACCEPT, userData);
        sqe->fd = listener.Descriptor;

        // A direct descriptor has no close-on-exec flag to set; the kernel refuses SOCK_CLOEXEC with one.
        sqe->op_flags = direct ? 0u : (uint)Libc.SOCK_CLOEXEC;
        if (multishot)
        {
            sqe->ioprio = Libc.IORING_ACCEPT_MULTISHOT;
        }

        if (direct)
        {
            sqe->file_index = Libc.IORING_FILE_INDEX_ALLOC;
        }
    }

    /// <summary>Receives into <paramref name="buffer"/>[<paramref name="offset"/>, +<paramref name="length"/>).</summary>
    public void PrepareReceive(IoUringFile file, NativeBuffer buffer, int offset, int length, ulong userData)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var sqe = NextFileEntry(Libc.IORING_OP_RECV, file, userData);
        sqe->addr = buffer.AddressOf(offset, length);
        sqe->len = (uint)length;
    }

    /// <summary>
    /// One request that receives for as long as data comes, each time into a buffer the kernel picks from
    /// <paramref name="buffers"/> (the completion names it), until a completion comes without HasMore.
    /// </summary>
    public void PrepareMultishotReceive(IoUringFile file, IoUringBufferRing buffers, ulong userData)
    {
        ArgumentNullException.ThrowIfNull(buffers);
        var sqe = NextFileEntry(Libc.IORING_OP_RECV, file, userData);
        sqe->flags |= Libc.IOSQE_BUFFER_SELECT;
        sqe->buf_index = buffers.Group;
        sqe->ioprio = Libc.IORING_RECV_MULTISHOT;
    }

    /// <summary>
    /// Sends <paramref name="buffer"/>[<paramref name="offset"/>, +<paramref name="length"/>) without raising
    /// SIGPIPE; <paramref name="more"/> sets MSG_MORE (more data follows: hold a partial segment, as TCP_CORK would).
    /// </summary>
    /// <param name="quiet">
    /// The send is made now or not at all, and posts a completion only when it did not send everything: MSG_DONTWAIT
    /// (no poll is armed: a full socket completes at once with EAGAIN), MSG_WAITALL (a short send is not a success: it
    /// completes with the bytes it sent) and IOSQE_CQE_SKIP_SUCCESS. On a ring without SQPOLL the send is issued
    /// inside the io_uring_enter that submits it, so once <see cref="SubmittedUpTo"/> has passed it and the completions
    /// that enter left are reaped, a quiet send with no completion has sent all its bytes and its buffer is free (<see cref="IoUringCapabilities.QuietSendRefusal"/>
    /// checks this kernel does so).
    /// </param>
    public void PrepareSend(IoUringFile file, NativeBuffer buffer, int offset, int length, ulong userData, bool more = false, bool quiet = false)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var sqe = NextFileEntry(Libc.IORING_OP_SEND, file, userData);
        sqe->addr = buffer.AddressOf(offset, length);
        sqe->len = (uint)length;
        sqe->op_flags = (uint)(Libc.MSG_NOSIGNAL | (more ? Libc.MSG_MORE : 0) | (quiet ? Libc.MSG_DONTWAIT | Libc.MSG_WAITALL : 0));
        if (quiet)
        {
            sqe->flags |= Libc.IOSQE_CQE_SKIP_SUCCESS;
        }
    }

    /// <summary>
    /// Sends from the buffer itself, without copying it into the socket. Two completions come: the bytes sent
    /// (with HasMore), then a notification (<see cref="IoUringCompletion.IsNotification"/>) once the kernel is
    /// done with the buffer, which must not change before that.
    /// </summary>
    public void PrepareSendZeroCopy(IoUringFile file, NativeBuffer buffer, int offset, int length, ulong userData, bool more = false)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var sqe = NextFileEntry(Libc.IORING_OP_SEND_ZC, file, userData);
        sqe->addr = buffer.AddressOf(offset, length);
        sqe->len = (uint)length;
        sqe->op_flags = (uint)(Libc.MSG_NOSIGNAL | (more ? Libc.MSG_MORE : 0));
    }

    public void PrepareShutdown(IoUringFile file, ShutdownMode mode, ulong userData)
    {
        var sqe = NextFileEntry(Libc.IORING_OP_SHUTDOWN, file, userData);
        sqe->len = (uint)mode;
    }

    /// <summary>Closes the socket's descriptor through the ring; the socket object gives up its ownership now.</summary>
    public void PrepareClose(NativeSocket socket, ulong userData)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var sqe = NextEntry(Libc.IORING_OP_CLOSE, userData);
        sqe->fd = socket.Detach();
    }

    /// <summary>Empties a slot of the fixed-file table, closing the file if nothing else holds it.</summary>
    public void PrepareCloseFixed(IoUringFile file, ulong userData)
    {
        if (!file.IsFixed)
        {
            throw new ArgumentException("a descriptor is closed with PrepareClose(NativeSocket)", nameof(file));
        }

        var sqe = NextEntry(Libc.IORING_OP_CLOSE, userData);
        sqe->file_index = (uint)file.Value + 1;
    }

    /// <summary>Cancels every request in flight on <paramref name="file"/> (each completes with ECANCELED).</summary>
    public void PrepareCancel(IoUringFile file, ulong userData)
    {
        var sqe = NextEntry(Libc.IORING_OP_ASYNC_CANCEL, userData);
        sqe->fd = file.Value;
        sqe->op_flags = Libc.IORING_ASYNC_CANCEL_FD | Libc.IORING_ASYNC_CANCEL_ALL | (file.IsFixed ? Libc.IORING_ASYNC_CANCEL_FD_FIXED : 0);
    }

    /// <summary>Cancels the request(s) submitted with user data <paramref name="target"/>.</summary>
    public void PrepareCancel(ulong target, ulong userData)
    {
        var sqe = NextEntry(Libc.IORING_OP_ASYNC_CANCEL, userData);
        sqe->addr = target;
        sqe->op_flags = Libc.IORING_ASYNC_CANCEL_ALL;
    }

    /// <summary>Reads the eventfd's counter into 8 bytes of <paramref name="buffer"/>: a wake-up the ring can wait on.</summary>
    public void PrepareRead(EventSignal signal, NativeBuffer buffer, int offset, ulong userData)
    {
        ArgumentNullException.ThrowIfNull(signal);
        ArgumentNullException.ThrowIfNull(buffer);
        var sqe = NextEntry(Libc.IORING_OP_READ, userData);
        sqe->fd = signal.Handle.Descriptor;
        sqe->addr = buffer.AddressOf(offset, sizeof(ulong));
        sqe->len = sizeof(ulong);
        sqe->off = ulong.MaxValue; // The current position: an eventfd has no offsets.
    }

    /// <summary>
    /// Completes when <paramref name="signal"/> is ready for <paramref name="events"/>; <paramref name="multishot"/>
    /// stays armed and completes again at every wake-up.
    /// </summary>
    public void PreparePoll(EventSignal signal, IoEvents events, ulong userData, bool multishot = false)
    {
        ArgumentNullException.ThrowIfNull(signal);
        var sqe = NextEntry(Libc.IORING_OP_POLL_ADD, userData);
        sqe->fd = signal.Handle.Descriptor;
        sqe->op_flags = (uint)events;
        if (multishot)
        {
            sqe->len = Libc.IORING_POLL_ADD_MULTI;
        }
    }

    /// <summary>Completes when <paramref name="socket"/> is ready for <paramref name="events"/>; see the eventfd overload.</summary>
    public void PreparePoll(NativeSocket socket, IoEvents events, ulong userData, bool multishot = false)
    {
        ArgumentNullException.ThrowIfNull(socket);
        var sqe = NextEntry(Libc.IORING_OP_POLL_ADD, userData);
        sqe->fd = socket.Descriptor;
        sqe->op_flags = (uint)events;
        if (multishot)
        {
            sqe->len = Libc.IORING_POLL_ADD_MULTI;
        }
    }

    /// <summary>setsockopt through the ring (IORING_OP_URING_CMD, SOCKET_URING_OP_SETSOCKOPT): works on fixed files too.</summary>
    public void PrepareSetOption(IoUringFile file, SocketOption option, int value, ulong userData)
    {
        var (level, name) = NativeSocket.Map(option);

        // The kernel copies the value when it issues the request, which may be after this call returns: keep it
        // in the ring's own memory, one slot per option (a loop sets every connection's option to one value).
        var offset = (int)option * sizeof(int);
        var slot = _scratch.Slice(offset, sizeof(int));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(slot, value);
        var sqe = NextFileEntry(Libc.IORING_OP_URING_CMD, file, userData);
        sqe->cmd_op = Libc.SOCKET_URING_OP_SETSOCKOPT;
        sqe->level = (uint)level;
        sqe->optname = (uint)name;
        sqe->file_index = sizeof(int); // optlen
        sqe->addr3 = _scratch.AddressOf(offset, sizeof(int)); // optval
    }

    private Libc.io_uring_sqe* NextFileEntry(byte opcode, IoUringFile file, ulong userData)
    {
        var sqe = NextEntry(opcode, userData);
        sqe->fd = file.Value;
        if (file.IsFixed)
        {
            sqe->flags = Libc.IOSQE_FIXED_FILE;
        }

        return sqe;
    }
}
