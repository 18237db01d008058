using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// How many I/O objects this process holds open, counted by the process itself and reported over a server's
/// control channel — how a leak is seen where the runner cannot read the server's /proc (a Windows server
/// under Wine). Linux: every descriptor (/proc/self/fd). Windows: the handles of the kind a socket is (File
/// objects: sockets, files, pipes), as the system handle table lists them; threads and events come and go
/// with the runtime's thread pool and are left out.
/// </summary>
internal static unsafe class ProcessHandles
{
    public static int CountOpen() => OperatingSystem.IsWindows() ? CountWindowsSocketLikeHandles() : Directory.GetFileSystemEntries("/proc/self/fd").Length;

    /// <summary>
    /// Lists the system's handles (NtQuerySystemInformation, SystemExtendedHandleInformation), finds the object
    /// type of a socket opened for the purpose, and counts this process's handles of that type, less that one.
    /// Not GetProcessHandleCount: Wine answers it with 0 whatever the process holds, while it does list each
    /// handle in the system table.
    /// </summary>
    [SupportedOSPlatform("windows")]
    private static int CountWindowsSocketLikeHandles()
    {
        using var probe = OverlappedSocket.Create(System.Net.Sockets.AddressFamily.InterNetwork);
        var probeHandle = (nuint)probe.DangerousGetHandle();
        var size = 1u << 20;
        while (true)
        {
            var buffer = NativeMemory.Alloc(size);
            try
            {
                uint needed = 0;
                SyscallTally.Count(SyscallKind.Other);
                var status = Ntdll.NtQuerySystemInformation(Ntdll.SystemExtendedHandleInformation, buffer, size, &needed);
                if (status == Ntdll.STATUS_INFO_LENGTH_MISMATCH)
                {
                    size = Math.Max(size * 2, needed + 4096);
                    continue;
                }

                if (status != 0)
                {
                    throw new Win32ErrorException($"NtQuerySystemInformation: NTSTATUS 0x{status:X8}");
                }

                var header = (Ntdll.SYSTEM_HANDLE_INFORMATION_EX*)buffer;
                var handles = new ReadOnlySpan<Ntdll.SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX>(header + 1, checked((int)header->NumberOfHandles));
                var self = (nuint)Environment.ProcessId;
                var socketType = -1;
                foreach (ref readonly var entry in handles)
                {
                    if (entry.UniqueProcessId == self && entry.HandleValue == probeHandle)
                    {
                        socketType = entry.ObjectTypeIndex;
                    }
                }

                var count = 0;
                foreach (ref readonly var entry in handles)
                {
                    if (entry.UniqueProcessId == self && entry.ObjectTypeIndex == socketType)
                    {
                        count++;
                    }
                }

                return socketType < 0
                    ? throw new Win32ErrorException("NtQuerySystemInformation: the system handle table does not list this process's socket")
                    : count - 1;
            }
            finally
            {
                NativeMemory.Free(buffer);
            }
        }
    }
}
