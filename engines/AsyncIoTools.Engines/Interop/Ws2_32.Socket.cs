using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal static unsafe partial class Ws2_32
{
    internal const ushort AF_INET = 2;
    internal const ushort AF_INET6 = 23;
    internal const int SOCK_STREAM = 1;
    internal const int IPPROTO_TCP = 6;

    internal const uint WSA_FLAG_OVERLAPPED = 0x01;
    internal const uint WSA_FLAG_NO_HANDLE_INHERIT = 0x80;

    internal const int SOL_SOCKET = 0xFFFF;
    internal const int SO_KEEPALIVE = 0x0008;
    internal const int SO_SNDBUF = 0x1001;
    internal const int SO_RCVBUF = 0x1002;
    internal const int SO_EXCLUSIVEADDRUSE = ~0x0004;
    internal const int SO_UPDATE_ACCEPT_CONTEXT = 0x700B;
    internal const int SO_PROTOCOL_INFOW = 0x2005;
    internal const int TCP_NODELAY = 0x0001;
    internal const int TCP_KEEPALIVE = 3;

    /// <summary>dwServiceFlags1 bit: the provider's sockets are real kernel handles (no layered provider in between).</summary>
    internal const uint XP1_IFS_HANDLES = 0x00020000;

    /// <summary>sizeof(WSAPROTOCOL_INFOW); its first field is dwServiceFlags1.</summary>
    internal const int WSAPROTOCOL_INFOW_SIZE = 628;

    internal const int SD_RECEIVE = 0;
    internal const int SD_SEND = 1;
    internal const int SD_BOTH = 2;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint WSASocketW(int af, int type, int protocol, void* lpProtocolInfo, uint g, uint dwFlags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int closesocket(nint s);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int bind(SafeHandle s, byte* name, int namelen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int listen(SafeHandle s, int backlog);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int getsockname(SafeHandle s, byte* name, int* namelen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int setsockopt(SafeHandle s, int level, int optname, void* optval, int optlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int getsockopt(SafeHandle s, int level, int optname, void* optval, int* optlen);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int shutdown(SafeHandle s, int how);
}
