using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal static unsafe partial class Ws2_32
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct WSABUF
    {
        public uint len;
        public byte* buf;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int WSARecv(nint s, WSABUF* lpBuffers, uint dwBufferCount, uint* lpNumberOfBytesRecvd, uint* lpFlags, NativeOverlapped* lpOverlapped, void* lpCompletionRoutine);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int WSASend(nint s, WSABUF* lpBuffers, uint dwBufferCount, uint* lpNumberOfBytesSent, uint dwFlags, NativeOverlapped* lpOverlapped, void* lpCompletionRoutine);

    [LibraryImport(Name, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool WSAGetOverlappedResult(nint s, NativeOverlapped* lpOverlapped, uint* lpcbTransfer, [MarshalAs(UnmanagedType.Bool)] bool fWait, uint* lpdwFlags);
}
