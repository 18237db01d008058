using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

internal static unsafe partial class Libc
{
    /// <summary>glibc's fd_set holds this many bits; a descriptor numbered at or above it cannot be watched.</summary>
    internal const int FD_SETSIZE = 1024;

    /// <summary>Bits per word of fd_set (__NFDBITS: 8 × sizeof(long) on 64-bit Linux).</summary>
    internal const int NFDBITS = 64;

    /// <summary>struct fd_set: FD_SETSIZE bits, descriptor d at bit d % NFDBITS of word d / NFDBITS.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct fd_set
    {
        public fixed ulong fds_bits[FD_SETSIZE / NFDBITS];
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct timeval
    {
        public long tv_sec;
        public long tv_usec;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int select(int nfds, fd_set* readfds, fd_set* writefds, fd_set* exceptfds, timeval* timeout);
}
