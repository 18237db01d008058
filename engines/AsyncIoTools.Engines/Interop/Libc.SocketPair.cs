using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

internal static unsafe partial class Libc
{
    internal const int AF_UNIX = 1;

    /// <summary>fcntl: duplicate onto the lowest free descriptor at or above the argument, close-on-exec.</summary>
    internal const int F_DUPFD_CLOEXEC = 1030;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int socketpair(int domain, int type, int protocol, int* sv);

    /// <summary>recv without SetLastError and with a plain descriptor: the baseline the wrappers are measured against.</summary>
    [LibraryImport(Name, EntryPoint = "recv")]
    internal static partial nint recv_bare(int sockfd, void* buf, nuint len, int flags);

    /// <summary>recv with the errno captured but a plain descriptor (no SafeHandle reference counting).</summary>
    [LibraryImport(Name, EntryPoint = "recv", SetLastError = true)]
    internal static partial nint recv_errno(int sockfd, void* buf, nuint len, int flags);
}
