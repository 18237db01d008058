using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>Requests that move a file's bytes to a socket: read into a buffer, or splice through a pipe.</summary>
internal sealed unsafe partial class IoUringRing
{
    /// <summary>The "no offset" of splice: a pipe or socket end, which has no position.</summary>
    private const ulong NoOffset = ulong.MaxValue;

    /// <summary>
    /// Reads up to <paramref name="length"/> bytes of <paramref name="file"/> at <paramref name="fileOffset"/> into
    /// <paramref name="buffer"/>[<paramref name="offset"/>, …). <paramref name="linkNext"/>: the next request
    /// prepared starts only after this one, and is cancelled (ECANCELED) if this one fails or reads short.
    /// </summary>
    public void PrepareRead(NativeFile file, long fileOffset, NativeBuffer buffer, int offset, int length, ulong userData, bool linkNext = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(buffer);
        var sqe = NextEntry(Libc.IORING_OP_READ, userData);
        sqe->fd = file.Handle.Descriptor;
        sqe->addr = buffer.AddressOf(offset, length);
        sqe->len = (uint)length;
        sqe->off = (ulong)fileOffset;
        if (linkNext)
        {
            sqe->flags |= Libc.IOSQE_IO_LINK;
        }
    }

    /// <summary>
    /// splice(file → pipe) of <paramref name="length"/> bytes at <paramref name="fileOffset"/>: the pipe takes
    /// references to the page-cache pages, nothing is copied. <paramref name="linkNext"/> as for a read.
    /// </summary>
    /// <remarks>
    /// The kernel never tries a splice inline: it always runs in one of the ring's io-wq worker threads, which
    /// may block there (on the disk for an uncached file), never on the caller's thread.
    /// </remarks>
    public void PrepareSpliceIntoPipe(NativeFile file, long fileOffset, NativePipe pipe, int length, ulong userData, bool linkNext = false)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(pipe);
        var sqe = NextEntry(Libc.IORING_OP_SPLICE, userData);
        sqe->fd = pipe.WriteEnd.Descriptor;
        sqe->off = NoOffset;
        sqe->file_index = (uint)file.Handle.Descriptor; // splice_fd_in
        sqe->addr = (ulong)fileOffset; // splice_off_in
        sqe->len = (uint)length;
        sqe->op_flags = Libc.SPLICE_F_MOVE;
        if (linkNext)
        {
            sqe->flags |= Libc.IOSQE_IO_LINK;
        }
    }

    /// <summary>
    /// splice(pipe → socket) of <paramref name="length"/> bytes the pipe holds; <paramref name="more"/> sets
    /// SPLICE_F_MORE (MSG_MORE: more of the body follows). Runs in an io-wq worker, where a socket without room
    /// blocks the worker until the peer reads (a descriptor without O_NONBLOCK): no EAGAIN comes back.
    /// </summary>
    public void PrepareSpliceFromPipe(NativePipe pipe, IoUringFile socket, int length, bool more, ulong userData)
    {
        ArgumentNullException.ThrowIfNull(pipe);
        var sqe = NextFileEntry(Libc.IORING_OP_SPLICE, socket, userData);
        sqe->off = NoOffset;
        sqe->file_index = (uint)pipe.ReadEnd.Descriptor; // splice_fd_in
        sqe->addr = NoOffset; // splice_off_in
        sqe->len = (uint)length;
        sqe->op_flags = Libc.SPLICE_F_MOVE | (more ? Libc.SPLICE_F_MORE : 0);
    }
}
