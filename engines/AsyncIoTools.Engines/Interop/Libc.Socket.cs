using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

internal static unsafe partial class Libc
{
    internal const int AF_INET = 2;
    internal const int AF_INET6 = 10;
    internal const int SOCK_STREAM = 1;
    internal const int SOCK_NONBLOCK = 0x800;
    internal const int SOCK_CLOEXEC = 0x80000;

    internal const int SOL_SOCKET = 1;
    internal const int SO_REUSEADDR = 2;
    internal const int SO_ERROR = 4;
    internal const int SO_SNDBUF = 7;
    internal const int SO_RCVBUF = 8;
    internal const int SO_KEEPALIVE = 9;
    internal const int SO_LINGER = 13;
    internal const int SO_REUSEPORT = 15;
    internal const int SO_ZEROCOPY = 60;

    internal const int IPPROTO_IP = 0;
    internal const int IPPROTO_TCP = 6;
    internal const int IP_BIND_ADDRESS_NO_PORT = 24;
    internal const int TCP_NODELAY = 1;
    internal const int TCP_CORK = 3;
    internal const int TCP_KEEPIDLE = 4;
    internal const int TCP_KEEPINTVL = 5;
    internal const int TCP_KEEPCNT = 6;
    internal const int TCP_QUICKACK = 12;
    internal const int TCP_CONGESTION = 13;
    internal const int TCP_FASTOPEN = 23;
    internal const int TCP_FASTOPEN_CONNECT = 30;

    internal const int SHUT_RD = 0;
    internal const int SHUT_WR = 1;
    internal const int SHUT_RDWR = 2;

    internal const int MSG_TRUNC = 0x20;
    internal const int MSG_DONTWAIT = 0x40;
    internal const int MSG_WAITALL = 0x100;
    internal const int MSG_MORE = 0x8000;
    internal const int MSG_NOSIGNAL = 0x4000;

    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in
    {
        public ushort sin_family;
        public ushort sin_port;
        public uint sin_addr;
        public ulong sin_zero;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct sockaddr_in6
    {
        public ushort sin6_family;
        public ushort sin6_port;
        public uint sin6_flowinfo;
        public fixed byte sin6_addr[16];
        public uint sin6_scope_id;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct linger
    {
        public int l_onoff;
        public int l_linger;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int socket(int domain, int type, int protocol);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int bind(SafeHandle sockfd, void* addr, uint addrlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int listen(SafeHandle sockfd, int backlog);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int accept4(SafeHandle sockfd, void* addr, uint* addrlen, int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int connect(SafeHandle sockfd, void* addr, uint addrlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int getsockname(SafeHandle sockfd, void* addr, uint* addrlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int getpeername(SafeHandle sockfd, void* addr, uint* addrlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setsockopt(SafeHandle sockfd, int level, int optname, void* optval, uint optlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int getsockopt(SafeHandle sockfd, int level, int optname, void* optval, uint* optlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int shutdown(SafeHandle sockfd, int how);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int close(int fd);
}
