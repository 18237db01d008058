using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// The Winsock extension functions a completion-port server needs, which ws2_32.dll does not export: each
/// provider supplies its own, fetched per socket with WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER). AcceptEx
/// accepts into a socket created beforehand; ConnectEx connects with an overlapped call.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class WinsockExtensions
{
    private WinsockExtensions(nint acceptEx, nint connectEx)
    {
        AcceptEx = (delegate* unmanaged<nint, nint, void*, uint, uint, uint, uint*, NativeOverlapped*, int>)acceptEx;
        ConnectEx = (delegate* unmanaged<nint, byte*, int, void*, uint, uint*, NativeOverlapped*, int>)connectEx;
    }

    internal delegate* unmanaged<nint, nint, void*, uint, uint, uint, uint*, NativeOverlapped*, int> AcceptEx { get; }

    internal delegate* unmanaged<nint, byte*, int, void*, uint, uint*, NativeOverlapped*, int> ConnectEx { get; }

    /// <summary>The extension functions of <paramref name="socket"/>'s provider; throws if it lacks one.</summary>
    public static WinsockExtensions Load(OverlappedSocket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        return new WinsockExtensions(Fetch(socket, Ws2_32.WSAID_ACCEPTEX, "AcceptEx"), Fetch(socket, Ws2_32.WSAID_CONNECTEX, "ConnectEx"));
    }

    private static nint Fetch(OverlappedSocket socket, Guid id, string name)
    {
        nint function = 0;
        uint returned = 0;
        SyscallTally.Count(SyscallKind.Other);
        var result = Ws2_32.WSAIoctl(socket, Ws2_32.SIO_GET_EXTENSION_FUNCTION_POINTER, &id, (uint)sizeof(Guid), &function, (uint)sizeof(nint), &returned, null, null);
        if (result != 0)
        {
            throw new Win32ErrorException($"WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER, {name})", Marshal.GetLastPInvokeError());
        }

        return function != 0 ? function : throw new Win32ErrorException($"WSAIoctl(SIO_GET_EXTENSION_FUNCTION_POINTER, {name})", Win32Error.WSAEOPNOTSUPP);
    }
}
