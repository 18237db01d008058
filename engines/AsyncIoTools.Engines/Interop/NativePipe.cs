using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// A non-blocking pipe used by splice(): file pages move into it by reference and out of it into a socket,
/// never through user space. What sits in the pipe belongs to one transfer until it has left.
/// </summary>
internal sealed unsafe class NativePipe : IDisposable
{
    private readonly FileDescriptorHandle _read;
    private readonly FileDescriptorHandle _write;

    private NativePipe(FileDescriptorHandle read, FileDescriptorHandle write, int capacity)
    {
        _read = read;
        _write = write;
        Capacity = capacity;
    }

    /// <summary>Bytes the pipe holds at most (the 64 KiB default unless asked otherwise).</summary>
    public int Capacity { get; }

    /// <summary>Bytes spliced in and not yet spliced out.</summary>
    public int Buffered { get; private set; }

    /// <param name="wantedCapacity">
    /// 64 KiB by default, the kernel's own. The loops ask for 1 MiB (pipe-max-size); where the kernel refuses (a user
    /// past fs.pipe-user-pages-soft), the pipe keeps what it has.
    /// </param>
    public static NativePipe Create(int wantedCapacity = 1 << 16)
    {
        var descriptors = stackalloc int[2];
        SyscallTally.Count(SyscallKind.File);
        if (Libc.pipe2(descriptors, Libc.O_NONBLOCK | Libc.O_CLOEXEC) != 0)
        {
            throw new ErrnoException("pipe2", Marshal.GetLastPInvokeError());
        }

        var read = new FileDescriptorHandle(descriptors[0]);
        var write = new FileDescriptorHandle(descriptors[1]);
        SyscallTally.Count(SyscallKind.File);
        var capacity = Libc.fcntl_int(write, Libc.F_SETPIPE_SZ, wantedCapacity);
        return new NativePipe(read, write, capacity > 0 ? capacity : 64 * 1024);
    }

    /// <summary>splice(file → pipe) of up to <paramref name="length"/> bytes at <paramref name="offset"/>, which advances.</summary>
    public IoResult FillFrom(NativeFile file, ref long offset, int length)
    {
        ArgumentNullException.ThrowIfNull(file);
        SyscallTally.Count(SyscallKind.File);
        fixed (long* position = &offset)
        {
            var moved = Libc.splice(file.Handle, position, _write, null, (nuint)Math.Min(length, Capacity - Buffered), Libc.SPLICE_F_MOVE | Libc.SPLICE_F_NONBLOCK);
            var result = IoResult.FromReturn(moved, moved < 0 ? Marshal.GetLastPInvokeError() : 0);
            if (result.Succeeded)
            {
                Buffered += result.Value;
            }

            return result;
        }
    }

    /// <summary>splice(pipe → socket) of what the pipe holds; <paramref name="more"/> says more will follow.</summary>
    public IoResult DrainTo(NativeSocket socket, bool more)
    {
        ArgumentNullException.ThrowIfNull(socket);
        SyscallTally.Count(SyscallKind.File);
        var flags = Libc.SPLICE_F_MOVE | Libc.SPLICE_F_NONBLOCK | (more ? Libc.SPLICE_F_MORE : 0);
        var moved = Libc.splice(_read, null, socket, null, (nuint)Buffered, flags);
        var result = IoResult.FromReturn(moved, moved < 0 ? Marshal.GetLastPInvokeError() : 0);
        if (result.Succeeded)
        {
            Buffered -= result.Value;
        }

        return result;
    }

    /// <summary>Counts bytes an io_uring splice moved into the pipe (its completion comes after the call that asked).</summary>
    public void RecordFilled(int bytes) => Buffered += bytes;

    /// <summary>Counts bytes an io_uring splice moved out of the pipe.</summary>
    public void RecordDrained(int bytes) => Buffered -= bytes;

    internal FileDescriptorHandle ReadEnd => _read;

    internal FileDescriptorHandle WriteEnd => _write;

    public void Dispose()
    {
        _read.Dispose();
        _write.Dispose();
    }
}
