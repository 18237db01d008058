using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal static unsafe partial class Ws2_32
{
    internal const uint SIO_GET_EXTENSION_FUNCTION_POINTER = 0xC8000006;

    internal static readonly Guid WSAID_ACCEPTEX = new(0xb5367df1, 0xcbac, 0x11cf, 0x95, 0xca, 0x00, 0x80, 0x5f, 0x48, 0xa1, 0x92);
    internal static readonly Guid WSAID_CONNECTEX = new(0x25a207b9, 0xddf3, 0x4660, 0x8e, 0xe9, 0x76, 0xe5, 0x8c, 0x74, 0x06, 0x3e);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int WSAIoctl(
        SafeHandle s,
        uint dwIoControlCode,
        void* lpvInBuffer,
        uint cbInBuffer,
        void* lpvOutBuffer,
        uint cbOutBuffer,
        uint* lpcbBytesReturned,
        NativeOverlapped* lpOverlapped,
        void* lpCompletionRoutine);
}
