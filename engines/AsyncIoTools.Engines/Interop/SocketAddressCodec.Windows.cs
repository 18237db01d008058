using System.Net;
using System.Runtime.Versioning;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

internal static unsafe partial class SocketAddressCodec
{
    // Winsock's sockaddr_in and sockaddr_in6 have Linux's layout; only AF_INET6's number differs (23, not 10).

    [SupportedOSPlatform("windows")]
    internal static int WriteWinsock(IPEndPoint endPoint, byte* buffer)
    {
        var length = Write(endPoint, buffer);
        *(ushort*)buffer = *(ushort*)buffer == Libc.AF_INET6 ? Ws2_32.AF_INET6 : Ws2_32.AF_INET;
        return (int)length;
    }

    [SupportedOSPlatform("windows")]
    internal static IPEndPoint ReadWinsock(byte* buffer)
    {
        *(ushort*)buffer = *(ushort*)buffer == Ws2_32.AF_INET6 ? (ushort)Libc.AF_INET6 : (ushort)Libc.AF_INET;
        return Read(buffer);
    }

    [SupportedOSPlatform("windows")]
    internal static int WinsockFamilyOf(IPEndPoint endPoint) => FamilyOf(endPoint) == Libc.AF_INET6 ? Ws2_32.AF_INET6 : Ws2_32.AF_INET;
}
