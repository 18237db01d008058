using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>TCP congestion control, the one string-valued option a server sets.</summary>
internal sealed unsafe partial class NativeSocket
{
    /// <summary>TCP_CA_NAME_MAX: a control's name and its NUL.</summary>
    internal const int CongestionNameCapacity = 16;

    /// <summary>
    /// TCP_CONGESTION by name (a string option, unlike the others). On a listener it is what every accepted
    /// connection inherits. Fails with ENOENT for a control this kernel lacks, EPERM for one outside
    /// net.ipv4.tcp_allowed_congestion_control without CAP_NET_ADMIN.
    /// </summary>
    public void SetCongestionControl(string name)
    {
        SyscallTally.Count(SyscallKind.Option);
        SetCongestionControl(this, name);
    }

    /// <summary>TCP_CONGESTION on any socket's handle: ours, or a .NET <see cref="System.Net.Sockets.Socket"/>'s.</summary>
    internal static void SetCongestionControl(SafeHandle socket, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        Span<byte> bytes = stackalloc byte[CongestionNameCapacity];
        var length = System.Text.Encoding.ASCII.GetBytes(name.AsSpan(0, Math.Min(name.Length, CongestionNameCapacity)), bytes);
        fixed (byte* pointer = bytes)
        {
            if (Libc.setsockopt(socket, Libc.IPPROTO_TCP, Libc.TCP_CONGESTION, pointer, (uint)length) != 0)
            {
                throw new ErrnoException("setsockopt(TCP_CONGESTION)", Marshal.GetLastPInvokeError());
            }
        }
    }

    /// <summary>The TCP congestion control this socket uses (TCP_CONGESTION).</summary>
    public string CongestionControl()
    {
        var bytes = stackalloc byte[CongestionNameCapacity];
        var length = (uint)CongestionNameCapacity;
        SyscallTally.Count(SyscallKind.Option);
        if (Libc.getsockopt(this, Libc.IPPROTO_TCP, Libc.TCP_CONGESTION, bytes, &length) != 0)
        {
            throw new ErrnoException("getsockopt(TCP_CONGESTION)", Marshal.GetLastPInvokeError());
        }

        var name = new ReadOnlySpan<byte>(bytes, (int)length);
        var end = name.IndexOf((byte)0);
        return System.Text.Encoding.ASCII.GetString(end < 0 ? name : name[..end]);
    }
}
