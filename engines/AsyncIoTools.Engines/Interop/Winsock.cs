using System.Runtime.Versioning;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>Winsock's per-process start-up (WSAStartup 2.2), done once before the first socket; never undone.</summary>
[SupportedOSPlatform("windows")]
internal static unsafe class Winsock
{
    private static readonly Lazy<int> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Starts Winsock on first use; throws a <see cref="Win32ErrorException"/> if it cannot.</summary>
    internal static void EnsureStarted()
    {
        if (Started.Value != 0)
        {
            throw new Win32ErrorException("WSAStartup", Started.Value);
        }
    }

    private static int Start()
    {
        var data = stackalloc byte[Ws2_32.WSADATA_SIZE];
        SyscallTally.Count(SyscallKind.Other);

        // WSAStartup returns its error rather than setting the last error.
        return Ws2_32.WSAStartup(Ws2_32.WINSOCK_VERSION, data);
    }
}
