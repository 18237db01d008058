using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// Raw bindings to kernel32.dll, one area per file (Kernel32.IoCompletion.cs, Kernel32.Process.cs). Names keep
/// Win32's spelling. Nothing outside this folder calls them: the safe wrappers here do, and count each call.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("windows")]
internal static partial class Kernel32
{
    internal const string Name = "kernel32.dll";

    internal const int ERROR_SUCCESS = 0;
}
