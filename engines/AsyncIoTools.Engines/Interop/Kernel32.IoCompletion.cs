using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal static unsafe partial class Kernel32
{
    internal const uint INFINITE = 0xFFFFFFFF;
    internal const int WAIT_TIMEOUT = 258;

    /// <summary>A call that succeeds at once queues no completion packet: the caller handles the result inline.</summary>
    internal const byte FILE_SKIP_COMPLETION_PORT_ON_SUCCESS = 0x1;

    /// <summary>Do not signal the handle's event on completion: nobody waits on it, the port is enough.</summary>
    internal const byte FILE_SKIP_SET_EVENT_ON_HANDLE = 0x2;

    internal static readonly nint INVALID_HANDLE_VALUE = -1;

    /// <summary>One dequeued completion, as GetQueuedCompletionStatusEx writes it (Internal holds the NTSTATUS).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct OVERLAPPED_ENTRY
    {
        public nuint lpCompletionKey;
        public NativeOverlapped* lpOverlapped;
        public nuint Internal;
        public uint dwNumberOfBytesTransferred;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint CreateIoCompletionPort(nint FileHandle, nint ExistingCompletionPort, nuint CompletionKey, uint NumberOfConcurrentThreads);

    [LibraryImport(Name, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool GetQueuedCompletionStatusEx(
        SafeHandle CompletionPort,
        OVERLAPPED_ENTRY* lpCompletionPortEntries,
        uint ulCount,
        uint* ulNumEntriesRemoved,
        uint dwMilliseconds,
        [MarshalAs(UnmanagedType.Bool)] bool fAlertable);

    [LibraryImport(Name, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool PostQueuedCompletionStatus(SafeHandle CompletionPort, uint dwNumberOfBytesTransferred, nuint dwCompletionKey, NativeOverlapped* lpOverlapped);

    [LibraryImport(Name, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool SetFileCompletionNotificationModes(nint FileHandle, byte Flags);

    [LibraryImport(Name, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool CloseHandle(nint hObject);
}
