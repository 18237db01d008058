using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// The same recv as <see cref="NativeSocket.Receive"/> with our wrapper's layers peeled off one by one, so a
/// micro-benchmark can price each: the tally and <see cref="IoResult"/>, the SafeHandle's reference count, the
/// errno capture. For measurement only: nothing here keeps the descriptor alive while the call runs.
/// </summary>
internal static unsafe class RawSyscalls
{
    /// <summary>recv with a SafeHandle and errno, uncounted: <see cref="NativeSocket.Receive"/> less tally and result struct.</summary>
    public static long ReceiveWithHandle(NativeSocket socket, Span<byte> buffer)
    {
        fixed (byte* pointer = buffer)
        {
            var received = Libc.recv(socket, pointer, (nuint)buffer.Length, 0);
            return received >= 0 ? received : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>recv on the plain descriptor with errno captured: no SafeHandle reference counting.</summary>
    public static long ReceiveWithErrno(NativeSocket socket, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(socket);
        fixed (byte* pointer = buffer)
        {
            var received = Libc.recv_errno(socket.Descriptor, pointer, (nuint)buffer.Length, 0);
            return received >= 0 ? received : -Marshal.GetLastPInvokeError();
        }
    }

    /// <summary>recv on the plain descriptor, errno not captured: the bare cost of crossing into the kernel.</summary>
    public static long ReceiveBare(NativeSocket socket, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(socket);
        fixed (byte* pointer = buffer)
        {
            return Libc.recv_bare(socket.Descriptor, pointer, (nuint)buffer.Length, 0);
        }
    }
}
