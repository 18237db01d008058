using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>A kernel object handle that is not a socket (a completion port); releasing it calls CloseHandle.</summary>
[SupportedOSPlatform("windows")]
internal sealed class Win32Handle : SafeHandle
{
    private Win32Handle(nint handle)
        : base(0, ownsHandle: true)
    {
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0 || handle == Kernel32.INVALID_HANDLE_VALUE;

    /// <summary>Wraps a returned handle or throws for a failed call that returned NULL.</summary>
    internal static Win32Handle FromReturn(nint handle, string function) =>
        handle != 0 ? new Win32Handle(handle) : throw new Win32ErrorException(function, Marshal.GetLastPInvokeError());

    protected override bool ReleaseHandle()
    {
        SyscallTally.Count(SyscallKind.Close);
        return Kernel32.CloseHandle(handle);
    }
}
