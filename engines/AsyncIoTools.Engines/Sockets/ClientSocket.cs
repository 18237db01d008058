using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.Sockets;

/// <summary>
/// A non-blocking client TCP socket for code outside the engines (the load generator): the calls a client makes,
/// with no descriptor in sight. It owns its descriptor and closes it on dispose (which also takes it out of any
/// <see cref="ReadinessLoop"/>). Thin on purpose: each call is one system call through the engines' interop.
/// </summary>
public sealed class ClientSocket : IDisposable
{
    private ClientSocket(NativeSocket native) => Native = native;

    internal NativeSocket Native { get; }

    /// <summary>A non-blocking stream socket; throws <see cref="ErrnoException"/> when the process is out of descriptors.</summary>
    public static ClientSocket Create(AddressFamily family) => new(NativeSocket.Create(family));

    /// <summary>
    /// Binds to <paramref name="source"/> with the port left to connect (IP_BIND_ADDRESS_NO_PORT), so many source
    /// addresses widen the ephemeral range instead of each bind taking a port for good.
    /// </summary>
    public void BindSource(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        Native.SetOption(SocketOption.BindAddressNoPort, 1);
        Native.Bind(new IPEndPoint(source, 0));
    }

    /// <summary>TCP_NODELAY: small requests go out at once.</summary>
    public void DisableNagle() => Native.SetOption(SocketOption.NoDelay, 1);

    /// <summary>TCP_FASTOPEN_CONNECT: the first send carries the connect (TFO) where the server allows it.</summary>
    public void EnableFastOpenConnect() => Native.SetOption(SocketOption.FastOpenConnect, 1);

    /// <summary>Starts connecting; <see cref="IoError.InProgress"/> is the usual answer of a non-blocking connect.</summary>
    public IoResult Connect(IPEndPoint endPoint) => Native.Connect(endPoint);

    /// <summary>SO_ERROR: how the connect ended, once the socket is writable.</summary>
    public IoResult TakePendingError() => Native.TakePendingError();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IoResult Send(ReadOnlySpan<byte> buffer) => Native.Send(buffer);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IoResult Receive(Span<byte> buffer) => Native.Receive(buffer);

    /// <summary>
    /// <see cref="Send"/> for the one thread that uses this socket and alone disposes it (a load worker): without the
    /// SafeHandle's reference count, the GC transition and the saved errno, as the reactor loops send
    /// (<see cref="NativeSocket.SendOwned"/>). A client is bound by its own CPU at 100 connections, and these fixed
    /// costs were 1.5% of its CPU per request.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IoResult SendOwned(ReadOnlySpan<byte> buffer) => Native.SendOwned(buffer);

    /// <summary><see cref="Receive"/> for the thread that owns this socket, as <see cref="SendOwned"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IoResult ReceiveOwned(Span<byte> buffer) => Native.ReceiveOwned(buffer);

    /// <summary>Drops up to <paramref name="count"/> received bytes in the kernel without copying them (MSG_TRUNC).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IoResult Discard(int count) => Native.Discard(count);

    public void Dispose() => Native.Dispose();
}
