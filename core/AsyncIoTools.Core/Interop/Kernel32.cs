using System.Runtime.InteropServices;

namespace AsyncIoTools.Interop;

/// <summary>The kernel32.dll calls for the process as a whole (its CPU affinity); the engines' I/O calls are their own.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal static partial class Kernel32
{
    internal const string Name = "kernel32.dll";

    [LibraryImport(Name)]
    internal static partial nint GetCurrentProcess();

    [LibraryImport(Name, SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    internal static partial bool SetProcessAffinityMask(nint hProcess, nuint dwProcessAffinityMask);
}
