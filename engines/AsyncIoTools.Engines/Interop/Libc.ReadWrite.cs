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

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint writev(SafeHandle fd, iovec* iov, int iovcnt);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint readv(SafeHandle fd, iovec* iov, int iovcnt);
}
