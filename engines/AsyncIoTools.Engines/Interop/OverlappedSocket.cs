using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// A Winsock TCP socket opened for overlapped I/O; releasing it calls closesocket, which aborts its pending
/// operations (their completions still arrive, failed). The overlapped calls return an
/// <see cref="OverlappedStart"/> without exceptions; each call is counted in the calling thread's
/// <see cref="SyscallTally"/>. A call on a socket already closed fails with WSAENOTSOCK rather than throwing.
/// </summary>
[SupportedOSPlatform("windows")]
internal sealed unsafe class OverlappedSocket : SafeHandle, ITunableSocket
{
    /// <summary>AcceptEx writes each address with 16 bytes of its own padding.</summary>
    public const int AcceptAddressBytes = SocketAddressCodec.MaxLength + 16;

    private OverlappedSocket(nint socket)
        : base(Ws2_32.INVALID_SOCKET, ownsHandle: true)
    {
        SetHandle(socket);
    }

    public override bool IsInvalid => handle == Ws2_32.INVALID_SOCKET || handle == 0;

    /// <summary>True once <see cref="TrySkipCompletionPortOnSuccess"/> took effect: calls that succeed at once queue no packet.</summary>
    public bool SkipsCompletionOnSuccess { get; private set; }

    /// <summary>Opens an overlapped TCP socket for <paramref name="family"/>, not inherited by child processes.</summary>
    public static OverlappedSocket Create(AddressFamily family)
    {
        Winsock.EnsureStarted();
        var domain = family switch
        {
            AddressFamily.InterNetwork => Ws2_32.AF_INET,
            AddressFamily.InterNetworkV6 => Ws2_32.AF_INET6,
            _ => throw new ArgumentException($"address family {family} is not supported", nameof(family)),
        };
        SyscallTally.Count(SyscallKind.Socket);
        var socket = Ws2_32.WSASocketW(domain, Ws2_32.SOCK_STREAM, Ws2_32.IPPROTO_TCP, null, 0, Ws2_32.WSA_FLAG_OVERLAPPED | Ws2_32.WSA_FLAG_NO_HANDLE_INHERIT);
        return socket != Ws2_32.INVALID_SOCKET ? new OverlappedSocket(socket) : throw new Win32ErrorException("WSASocketW", Marshal.GetLastPInvokeError());
    }

    /// <summary>A listening socket bound to <paramref name="endPoint"/>.</summary>
    public static OverlappedSocket Listen(IPEndPoint endPoint, int backlog)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = Create(endPoint.AddressFamily);
        try
        {
            var address = stackalloc byte[SocketAddressCodec.MaxLength];
            var length = SocketAddressCodec.WriteWinsock(endPoint, address);
            SyscallTally.Count(SyscallKind.Socket);
            if (Ws2_32.bind(socket, address, length) != 0)
            {
                throw new Win32ErrorException("bind", Marshal.GetLastPInvokeError());
            }

            SyscallTally.Count(SyscallKind.Socket);
            if (Ws2_32.listen(socket, backlog) != 0)
            {
                throw new Win32ErrorException("listen", Marshal.GetLastPInvokeError());
            }

            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public IPEndPoint LocalEndPoint
    {
        get
        {
            var address = stackalloc byte[SocketAddressCodec.MaxLength];
            var length = SocketAddressCodec.MaxLength;
            SyscallTally.Count(SyscallKind.Option);
            return Ws2_32.getsockname(this, address, &length) == 0
                ? SocketAddressCodec.ReadWinsock(address)
                : throw new Win32ErrorException("getsockname", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>
    /// True if the socket's provider hands out real kernel handles (XP1_IFS_HANDLES). Skip-on-success is safe
    /// only then: a layered provider may complete a call at once and still queue a packet.
    /// </summary>
    public bool HasKernelHandles
    {
        get
        {
            var info = stackalloc byte[Ws2_32.WSAPROTOCOL_INFOW_SIZE];
            var length = Ws2_32.WSAPROTOCOL_INFOW_SIZE;
            SyscallTally.Count(SyscallKind.Option);
            return Ws2_32.getsockopt(this, Ws2_32.SOL_SOCKET, Ws2_32.SO_PROTOCOL_INFOW, info, &length) == 0
                && (*(uint*)info & Ws2_32.XP1_IFS_HANDLES) != 0;
        }
    }

    /// <summary>
    /// SetFileCompletionNotificationModes(FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | FILE_SKIP_SET_EVENT_ON_HANDLE):
    /// a call that succeeds at once is then handled by its caller, saving a trip through the port. False if the
    /// system refused; completions then all go through the port.
    /// </summary>
    public bool TrySkipCompletionPortOnSuccess()
    {
        SyscallTally.Count(SyscallKind.Option);
        SkipsCompletionOnSuccess = Kernel32.SetFileCompletionNotificationModes(
            handle, Kernel32.FILE_SKIP_COMPLETION_PORT_ON_SUCCESS | Kernel32.FILE_SKIP_SET_EVENT_ON_HANDLE);
        return SkipsCompletionOnSuccess;
    }

    public void SetOption(SocketOption option, int value)
    {
        var (level, name) = option switch
        {
            SocketOption.NoDelay => (Ws2_32.IPPROTO_TCP, Ws2_32.TCP_NODELAY),
            SocketOption.SendBufferSize => (Ws2_32.SOL_SOCKET, Ws2_32.SO_SNDBUF),
            SocketOption.ReceiveBufferSize => (Ws2_32.SOL_SOCKET, Ws2_32.SO_RCVBUF),
            SocketOption.KeepAlive => (Ws2_32.SOL_SOCKET, Ws2_32.SO_KEEPALIVE),
            SocketOption.KeepAliveIdleSeconds => (Ws2_32.IPPROTO_TCP, Ws2_32.TCP_KEEPALIVE),
            _ => throw new ArgumentOutOfRangeException(nameof(option), option, "not a Winsock option this engine sets"),
        };
        SyscallTally.Count(SyscallKind.Option);
        if (Ws2_32.setsockopt(this, level, name, &value, sizeof(int)) != 0)
        {
            throw new Win32ErrorException($"setsockopt({option})", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>SO_UPDATE_ACCEPT_CONTEXT: makes a socket accepted by AcceptEx a full socket (shutdown, getpeername work).</summary>
    public void UpdateAcceptContext(OverlappedSocket listener)
    {
        ArgumentNullException.ThrowIfNull(listener);
        var added = false;
        try
        {
            listener.DangerousAddRef(ref added);
            var listening = listener.handle;
            SyscallTally.Count(SyscallKind.Option);
            if (Ws2_32.setsockopt(this, Ws2_32.SOL_SOCKET, Ws2_32.SO_UPDATE_ACCEPT_CONTEXT, &listening, sizeof(nint)) != 0)
            {
                throw new Win32ErrorException("setsockopt(SO_UPDATE_ACCEPT_CONTEXT)", Marshal.GetLastPInvokeError());
            }
        }
        catch (ObjectDisposedException)
        {
            throw new Win32ErrorException("setsockopt(SO_UPDATE_ACCEPT_CONTEXT)", Win32Error.WSAENOTSOCK);
        }
        finally
        {
            if (added)
            {
                listener.DangerousRelease();
            }
        }
    }

    /// <summary>Shuts one or both directions; false if the socket is already gone or reset.</summary>
    public bool Shutdown(ShutdownMode mode)
    {
        var how = mode switch
        {
            ShutdownMode.Receive => Ws2_32.SD_RECEIVE,
            ShutdownMode.Send => Ws2_32.SD_SEND,
            _ => Ws2_32.SD_BOTH,
        };
        SyscallTally.Count(SyscallKind.Socket);
        try
        {
            return Ws2_32.shutdown(this, how) == 0;
        }
        catch (ObjectDisposedException)
        {
            return false;
        }
    }

    /// <summary>
    /// AcceptEx: accepts the next connection into <paramref name="accepted"/> (created beforehand, same family)
    /// without waiting for its first bytes; the addresses land in <paramref name="operation"/>'s buffer.
    /// </summary>
    public OverlappedStart Accept(WinsockExtensions extensions, OverlappedSocket accepted, OverlappedOperation operation)
    {
        ArgumentNullException.ThrowIfNull(extensions);
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(operation);
        var overlapped = operation.Begin(0, 2 * AcceptAddressBytes);
        var listenerAdded = false;
        var acceptedAdded = false;
        try
        {
            DangerousAddRef(ref listenerAdded);
            accepted.DangerousAddRef(ref acceptedAdded);
            uint bytes = 0;
            SyscallTally.Count(SyscallKind.Accept);
            Marshal.SetLastSystemError(0);
            var succeeded = extensions.AcceptEx(handle, accepted.handle, operation.BufferPointer, 0, AcceptAddressBytes, AcceptAddressBytes, &bytes, overlapped) != 0;
            var error = succeeded ? 0 : Marshal.GetLastSystemError();
            return operation.End(succeeded, bytes, error, SkipsCompletionOnSuccess);
        }
        catch (ObjectDisposedException)
        {
            return operation.End(false, 0, Win32Error.WSAENOTSOCK, SkipsCompletionOnSuccess);
        }
        finally
        {
            if (acceptedAdded)
            {
                accepted.DangerousRelease();
            }

            if (listenerAdded)
            {
                DangerousRelease();
            }
        }
    }

    /// <summary>WSARecv into <paramref name="operation"/>'s buffer at <paramref name="offset"/>, up to <paramref name="count"/> bytes.</summary>
    public OverlappedStart Receive(OverlappedOperation operation, int offset, int count) => Transfer(operation, offset, count, send: false);

    /// <summary>WSASend of <paramref name="count"/> bytes of <paramref name="operation"/>'s buffer from <paramref name="offset"/>.</summary>
    public OverlappedStart Send(OverlappedOperation operation, int offset, int count) => Transfer(operation, offset, count, send: true);

    private OverlappedStart Transfer(OverlappedOperation operation, int offset, int count, bool send)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var overlapped = operation.Begin(offset, count);
        var added = false;
        try
        {
            DangerousAddRef(ref added);
            uint bytes = 0;
            SyscallTally.Count(send ? SyscallKind.Write : SyscallKind.Read);
            var result = send
                ? Ws2_32.WSASend(handle, operation.DataBuffer, 1, &bytes, 0, overlapped, null)
                : Ws2_32.WSARecv(handle, operation.DataBuffer, 1, &bytes, operation.Flags, overlapped, null);
            var error = result == 0 ? 0 : Marshal.GetLastPInvokeError();
            return operation.End(result == 0, bytes, error, SkipsCompletionOnSuccess);
        }
        catch (ObjectDisposedException)
        {
            return operation.End(false, 0, Win32Error.WSAENOTSOCK, SkipsCompletionOnSuccess);
        }
        finally
        {
            if (added)
            {
                DangerousRelease();
            }
        }
    }

    protected override bool ReleaseHandle()
    {
        SyscallTally.Count(SyscallKind.Close);
        return Ws2_32.closesocket(handle) == 0;
    }
}
