using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.EventLoop;

/// <summary>
/// Moves a file body into a non-blocking socket by one of the transfer methods, as far as the socket takes it
/// now. The offset advances only by bytes the socket accepted, so a call after EAGAIN carries on exactly.
/// </summary>
internal static class FileSender
{
    /// <param name="pipe">The connection's splice pipe: taken from <paramref name="spares"/> (or created, for a caller that keeps its own for the connection's life) when it has none.</param>
    public static FilePump Pump(NativeSocket socket, FileBody body, FileTransfer method, ref NativePipe? pipe, SparePipes? spares, Span<byte> scratch, ref long bytesOut)
    {
        while (body.Remaining > 0)
        {
            var result = method switch
            {
                FileTransfer.Sendfile => socket.SendFile(body.File, ref body.Offset, (int)Math.Min(body.Remaining, 1 << 30)),
                FileTransfer.Splice => Splice(socket, body, pipe ??= spares?.Take() ?? NativePipe.Create()),
                _ => ReadThenWrite(socket, body, scratch),
            };
            if (!result.Succeeded)
            {
                return result.WouldBlock ? FilePump.WouldBlock : FilePump.Failed;
            }

            if (result.Value == 0)
            {
                return FilePump.Failed; // The file shrank under us or the socket closed.
            }

            body.Advance(result.Value);
            bytesOut += result.Value;
        }

        return FilePump.Complete;
    }

    private static IoResult ReadThenWrite(NativeSocket socket, FileBody body, Span<byte> scratch)
    {
        var read = body.File.ReadAt(scratch[..(int)Math.Min(body.Remaining, scratch.Length)], body.Offset);
        if (!read.Succeeded || read.Value == 0)
        {
            return read;
        }

        // Only what the socket took counts; the rest is read again next time (pread at the same offset).
        var sent = socket.Send(scratch[..read.Value]);
        if (sent.Succeeded)
        {
            body.Offset += sent.Value;
        }

        return sent;
    }

    private static IoResult Splice(NativeSocket socket, FileBody body, NativePipe pipe)
    {
        var unread = body.File.Length - body.Offset;
        if (pipe.Buffered < pipe.Capacity && unread > 0)
        {
            var filled = pipe.FillFrom(body.File, ref body.Offset, (int)Math.Min(unread, pipe.Capacity));
            if (!filled.Succeeded && !filled.WouldBlock)
            {
                return filled;
            }
        }

        return pipe.DrainTo(socket, more: body.Remaining > pipe.Buffered);
    }
}
