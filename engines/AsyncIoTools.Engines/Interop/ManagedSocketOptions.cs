using System.Net.Sockets;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// Socket options for a .NET <see cref="Socket"/>, set one kernel option each. On Unix .NET's ReuseAddress
/// imitates Windows and may bring SO_REUSEPORT along, which would let a server quietly share a port another holds.
/// </summary>
internal static class ManagedSocketOptions
{
    /// <summary>SO_REUSEADDR alone: rebind a port whose old connections linger in TIME_WAIT.</summary>
    public static void SetReuseAddress(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.SetRawSocketOption(Libc.SOL_SOCKET, Libc.SO_REUSEADDR, BitConverter.GetBytes(1));
    }

    /// <summary>SO_REUSEPORT: several processes listen on one port and the kernel spreads connections.</summary>
    public static void SetReusePort(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.SetRawSocketOption(Libc.SOL_SOCKET, Libc.SO_REUSEPORT, BitConverter.GetBytes(1));
    }

    /// <summary>TCP_FASTOPEN on a listener: accept data in the SYN from clients that hold a cookie.</summary>
    public static void SetFastOpenQueue(Socket socket, int length)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.SetRawSocketOption(Libc.IPPROTO_TCP, Libc.TCP_FASTOPEN, BitConverter.GetBytes(length));
    }

    /// <summary>TCP_CORK: hold partial segments until uncorked (or 200 ms pass).</summary>
    public static void SetCork(Socket socket, bool on)
    {
        ArgumentNullException.ThrowIfNull(socket);
        socket.SetRawSocketOption(Libc.IPPROTO_TCP, Libc.TCP_CORK, BitConverter.GetBytes(on ? 1 : 0));
    }

    /// <summary>TCP_CONGESTION on a listener, inherited by its connections; fails as <see cref="NativeSocket.SetCongestionControl"/>.</summary>
    public static void SetCongestionControl(Socket socket, string name)
    {
        ArgumentNullException.ThrowIfNull(socket);
        NativeSocket.SetCongestionControl(socket.SafeHandle, name);
    }
}
