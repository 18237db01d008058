using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

internal static unsafe partial class Libc
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct iovec
    {
        public void* iov_base;
        public nuint iov_len;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint read(SafeHandle fd, void* buf, nuint count);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint write(SafeHandle fd, void* buf, nuint count);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint recv(SafeHandle sockfd, void* buf, nuint len, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint send(SafeHandle sockfd, void* buf, nuint len, int flags);

    // recv and send on a non-blocking socket by the thread that owns its descriptor (a reactor loop): no SafeHandle
    // reference count (the owner alone closes it, never during a call), no errno saved on success (the caller reads
    // it only after a failure, as the SetLastError stub itself would, after the call), and no GC transition: the
    // call cannot block, it copies at most one loop buffer and returns, so a collection waits for it no longer than
    // for a few microseconds of managed code. Each of these is a fixed cost per call that C does not pay.
    [LibraryImport(Name, EntryPoint = "recv")]
    [SuppressGCTransition]
    internal static partial nint recv_nonblocking(int sockfd, void* buf, nuint len, int flags);

    [LibraryImport(Name, EntryPoint = "send")]
    [SuppressGCTransition]
    internal static partial nint send_nonblocking(int sockfd, void* buf, nuint len, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint writev(SafeHandle fd, iovec* iov, int iovcnt);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint readv(SafeHandle fd, iovec* iov, int iovcnt);
}
