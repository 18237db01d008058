using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>Converts between <see cref="IPEndPoint"/> and sockaddr_in / sockaddr_in6.</summary>
internal static unsafe partial class SocketAddressCodec
{
    /// <summary>Large enough for any address written here (sizeof(sockaddr_in6) = 28).</summary>
    internal const int MaxLength = 28;

    internal static uint Write(IPEndPoint endPoint, byte* buffer)
    {
        new Span<byte>(buffer, MaxLength).Clear();
        if (endPoint.AddressFamily == AddressFamily.InterNetwork)
        {
            var address = (Libc.sockaddr_in*)buffer;
            address->sin_family = Libc.AF_INET;
            address->sin_port = BinaryPrimitives.ReverseEndianness((ushort)endPoint.Port);
#pragma warning disable CS0618 // Address is the network-order IPv4 value, exactly what sin_addr holds.
            address->sin_addr = (uint)endPoint.Address.Address;
#pragma warning restore CS0618
            return (uint)sizeof(Libc.sockaddr_in);
        }

        if (endPoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var address = (Libc.sockaddr_in6*)buffer;
            address->sin6_family = Libc.AF_INET6;
            address->sin6_port = BinaryPrimitives.ReverseEndianness((ushort)endPoint.Port);
            endPoint.Address.TryWriteBytes(new Span<byte>(address->sin6_addr, 16), out _);
            address->sin6_scope_id = (uint)endPoint.Address.ScopeId;
            return (uint)sizeof(Libc.sockaddr_in6);
        }

        throw new ArgumentException($"address family {endPoint.AddressFamily} is not supported", nameof(endPoint));
    }

    internal static IPEndPoint Read(byte* buffer)
    {
        var family = *(ushort*)buffer;
        if (family == Libc.AF_INET)
        {
            var address = (Libc.sockaddr_in*)buffer;
            return new IPEndPoint(new IPAddress(address->sin_addr), BinaryPrimitives.ReverseEndianness(address->sin_port));
        }

        if (family == Libc.AF_INET6)
        {
            var address = (Libc.sockaddr_in6*)buffer;
            var ip = new IPAddress(new ReadOnlySpan<byte>(address->sin6_addr, 16), address->sin6_scope_id);
            return new IPEndPoint(ip, BinaryPrimitives.ReverseEndianness(address->sin6_port));
        }

        throw new NotSupportedException($"address family {family} is not supported");
    }

    internal static int FamilyOf(IPEndPoint endPoint) => endPoint.AddressFamily switch
    {
        AddressFamily.InterNetwork => Libc.AF_INET,
        AddressFamily.InterNetworkV6 => Libc.AF_INET6,
        _ => throw new ArgumentException($"address family {endPoint.AddressFamily} is not supported", nameof(endPoint)),
    };
}
