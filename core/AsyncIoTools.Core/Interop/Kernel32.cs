using System.Runtime.InteropServices;

namespace AsyncIoTools.Engines.Interop;

[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal static unsafe partial class Kernel32
{
    [LibraryImport(Name)]
    internal static partial nint GetCurrentProcess();

    [LibraryImport(Name, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool GetProcessHandleCount(nint hProcess, uint* pdwHandleCount);

    [LibraryImport(Name, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool SetProcessAffinityMask(nint hProcess, nuint dwProcessAffinityMask);
}
