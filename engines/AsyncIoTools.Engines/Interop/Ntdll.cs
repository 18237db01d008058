using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>Raw bindings to ntdll.dll: the native API under kernel32, for what kernel32 does not offer.</summary>
[SupportedOSPlatform("windows")]
internal static unsafe partial class Ntdll
{
    internal const string Name = "ntdll.dll";

    internal const int SystemExtendedHandleInformation = 64;
    internal const uint STATUS_INFO_LENGTH_MISMATCH = 0xC0000004;

    /// <summary>One open handle of some process (SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX
    {
        public void* Object;
        public nuint UniqueProcessId;
        public nuint HandleValue;
        public uint GrantedAccess;
        public ushort CreatorBackTraceIndex;
        public ushort ObjectTypeIndex;
        public uint HandleAttributes;
        public uint Reserved;
    }

    /// <summary>The header of SYSTEM_HANDLE_INFORMATION_EX; the entries follow it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct SYSTEM_HANDLE_INFORMATION_EX
    {
        public nuint NumberOfHandles;
        public nuint Reserved;
    }

    [LibraryImport(Name)]
    internal static partial uint NtQuerySystemInformation(int SystemInformationClass, void* SystemInformation, uint SystemInformationLength, uint* ReturnLength);
}
