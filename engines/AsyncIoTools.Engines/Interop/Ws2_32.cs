using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// Raw bindings to Winsock 2 (ws2_32.dll), one area per file (Ws2_32.Socket.cs, Ws2_32.Overlapped.cs,
/// Ws2_32.Extensions.cs). Names keep Winsock's spelling; failures are read with GetLastError, which is
/// WSAGetLastError's storage.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal static unsafe partial class Ws2_32
{
    internal const string Name = "ws2_32.dll";

    internal const int SOCKET_ERROR = -1;
    internal static readonly nint INVALID_SOCKET = -1;

    /// <summary>Winsock 2.2.</summary>
    internal const ushort WINSOCK_VERSION = 0x0202;

    /// <summary>Large enough for WSADATA on 32- and 64-bit Windows (400 bytes with the description strings).</summary>
    internal const int WSADATA_SIZE = 408;

    [LibraryImport(Name)]
    internal static partial int WSAStartup(ushort wVersionRequested, byte* lpWSAData);
}
