using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// A TCP socket descriptor owned by this process; releasing it closes it. Non-blocking unless created
/// otherwise. Every call is one system call, counted in the calling thread's <see cref="SyscallTally"/>.
/// </summary>
internal sealed unsafe partial class NativeSocket : SafeHandle, ITunableSocket
{
    private NativeSocket(int descriptor)
        : base(-1, ownsHandle: true)
    {
        SetHandle(descriptor);
    }

    public override bool IsInvalid => handle == -1;

    /// <summary>Takes ownership of a descriptor the kernel returned elsewhere (an io_uring accept's completion).</summary>
    internal static NativeSocket FromDescriptor(int descriptor) => new(descriptor);

    /// <summary>The descriptor number, for the fd_set and pollfd wrappers of this folder only.</summary>
    internal int Descriptor => (int)handle;

    /// <summary>Opens a TCP socket for <paramref name="family"/> (close-on-exec; non-blocking by default).</summary>
    public static NativeSocket Create(AddressFamily family, bool nonBlocking = true)
    {
        var domain = family switch
        {
            AddressFamily.InterNetwork => Libc.AF_INET,
            AddressFamily.InterNetworkV6 => Libc.AF_INET6,
            _ => throw new ArgumentException($"address family {family} is not supported", nameof(family)),
        };
        SyscallTally.Count(SyscallKind.Socket);
        var type = Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC | (nonBlocking ? Libc.SOCK_NONBLOCK : 0);
        var descriptor = Libc.socket(domain, type, 0);
        return descriptor >= 0 ? new NativeSocket(descriptor) : throw new ErrnoException("socket", Marshal.GetLastPInvokeError());
    }

    /// <summary>
    /// Two connected local stream sockets (socketpair, AF_UNIX): descriptors that need no network, for tests and
    /// micro-benchmarks of the demultiplexers. Close-on-exec; non-blocking by default.
    /// </summary>
    public static (NativeSocket First, NativeSocket Second) CreatePair(bool nonBlocking = true)
    {
        var descriptors = stackalloc int[2];
        var type = Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC | (nonBlocking ? Libc.SOCK_NONBLOCK : 0);
        SyscallTally.Count(SyscallKind.Socket);
        return Libc.socketpair(Libc.AF_UNIX, type, 0, descriptors) == 0
            ? (new NativeSocket(descriptors[0]), new NativeSocket(descriptors[1]))
            : throw new ErrnoException("socketpair", Marshal.GetLastPInvokeError());
    }

    /// <summary>
    /// Another descriptor for this socket, numbered at least <paramref name="lowestDescriptor"/> (fcntl
    /// F_DUPFD_CLOEXEC): how a test puts a socket past FD_SETSIZE without opening a thousand others.
    /// </summary>
    public NativeSocket Duplicate(int lowestDescriptor = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(lowestDescriptor);
        SyscallTally.Count(SyscallKind.Option);
        var descriptor = Libc.fcntl(this, Libc.F_DUPFD_CLOEXEC, lowestDescriptor);
        return descriptor >= 0 ? new NativeSocket(descriptor) : throw new ErrnoException("fcntl(F_DUPFD_CLOEXEC)", Marshal.GetLastPInvokeError());
    }

    /// <summary>A listening socket bound to <paramref name="endPoint"/>, with SO_REUSEADDR (and SO_REUSEPORT if asked).</summary>
    public static NativeSocket Listen(IPEndPoint endPoint, int backlog, bool reusePort, bool nonBlocking = true)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var socket = Create(endPoint.AddressFamily, nonBlocking);
        try
        {
            socket.SetOption(SocketOption.ReuseAddress, 1);
            if (reusePort)
            {
                socket.SetOption(SocketOption.ReusePort, 1);
            }

            socket.Bind(endPoint);
            socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Bind(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = stackalloc byte[SocketAddressCodec.MaxLength];
        var length = SocketAddressCodec.Write(endPoint, address);
        SyscallTally.Count(SyscallKind.Socket);
        if (Libc.bind(this, address, length) != 0)
        {
            throw new ErrnoException("bind", Marshal.GetLastPInvokeError());
        }
    }

    public void Listen(int backlog)
    {
        SyscallTally.Count(SyscallKind.Socket);
        if (Libc.listen(this, backlog) != 0)
        {
            throw new ErrnoException("listen", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Accepts one pending connection; <see cref="IoResult.WouldBlock"/> when none is waiting.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IoResult Accept(out NativeSocket? accepted, bool nonBlocking = true)
    {
        SyscallTally.Count(SyscallKind.Accept);
        var flags = Libc.SOCK_CLOEXEC | (nonBlocking ? Libc.SOCK_NONBLOCK : 0);
        var descriptor = Libc.accept4(this, null, null, flags);
        if (descriptor < 0)
        {
            accepted = null;
            return IoResult.Fail(Marshal.GetLastPInvokeError());
        }

        accepted = new NativeSocket(descriptor);
        return IoResult.Ok(0);
    }

    /// <summary>Accepts one pending connection into <paramref name="empty"/> when given (see <see cref="SocketRecycler"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal IoResult Accept(NativeSocket? empty, out NativeSocket? accepted)
    {
        SyscallTally.Count(SyscallKind.Accept);
        var descriptor = Libc.accept4(this, null, null, Libc.SOCK_CLOEXEC | Libc.SOCK_NONBLOCK);
        if (descriptor < 0)
        {
            accepted = null;
            return IoResult.Fail(Marshal.GetLastPInvokeError());
        }

        accepted = empty?.Fill(descriptor) ?? new NativeSocket(descriptor);
        return IoResult.Ok(0);
    }

    /// <summary>Gives an empty socket (one <see cref="CloseAndKeep"/> or <see cref="Detach"/> emptied) a descriptor.</summary>
    internal NativeSocket Fill(int descriptor)
    {
        Debug.Assert(IsInvalid && !IsClosed, "only an emptied, never disposed socket is filled again");
        SetHandle(descriptor);
        return this;
    }

    /// <summary>
    /// Closes the descriptor now but keeps this object usable for another one (<see cref="Fill"/>). A disposed
    /// SafeHandle can never hold a handle again, so a socket that is to be reused must be emptied this way instead.
    /// </summary>
    internal void CloseAndKeep()
    {
        var descriptor = (int)handle;
        SetHandle(-1);
        if (descriptor != -1)
        {
            SyscallTally.Count(SyscallKind.Close);
            Libc.close(descriptor);
        }
    }

    /// <summary>Forgets the descriptor without closing it (something else closes it: an io_uring close); the object may be filled again.</summary>
    internal int Detach()
    {
        var descriptor = (int)handle;
        SetHandle(-1);
        return descriptor;
    }

    /// <summary>Starts (non-blocking) or makes (blocking) a connection; a non-blocking start reports InProgress.</summary>
    public IoResult Connect(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        var address = stackalloc byte[SocketAddressCodec.MaxLength];
        var length = SocketAddressCodec.Write(endPoint, address);
        SyscallTally.Count(SyscallKind.Socket);
        return Libc.connect(this, address, length) == 0 ? IoResult.Ok(0) : IoResult.Fail(Marshal.GetLastPInvokeError());
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IoResult Receive(Span<byte> buffer)
    {
        SyscallTally.Count(SyscallKind.Read);
        fixed (byte* pointer = buffer)
        {
            var received = Libc.recv(this, pointer, (nuint)buffer.Length, 0);
            return IoResult.FromReturn(received, received < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    /// <summary>
    /// <see cref="Receive"/> for the one thread that owns this non-blocking socket and alone disposes it (a reactor
    /// loop): the descriptor is used as it is, without the SafeHandle's reference count, and the call is made
    /// without a GC transition (<see cref="Libc.recv_nonblocking"/> says why that is safe).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IoResult ReceiveOwned(Span<byte> buffer)
    {
        SyscallTally.Count(SyscallKind.Read);
        fixed (byte* pointer = buffer)
        {
            var received = Libc.recv_nonblocking((int)handle, pointer, (nuint)buffer.Length, 0);
            return IoResult.FromReturn(received, received < 0 ? Marshal.GetLastSystemError() : 0);
        }
    }

    /// <summary><see cref="Send"/> for the owning thread of a non-blocking socket, as <see cref="ReceiveOwned"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IoResult SendOwned(ReadOnlySpan<byte> buffer)
    {
        SyscallTally.Count(SyscallKind.Write);
        fixed (byte* pointer = buffer)
        {
            var sent = Libc.send_nonblocking((int)handle, pointer, (nuint)buffer.Length, Libc.MSG_NOSIGNAL);
            return IoResult.FromReturn(sent, sent < 0 ? Marshal.GetLastSystemError() : 0);
        }
    }

    /// <summary>
    /// Drops up to <paramref name="count"/> received bytes without copying them anywhere: recv with MSG_TRUNC, which
    /// TCP takes as "consume and discard". A load generator that copied every byte of a large body would measure its
    /// own memory bandwidth rather than the server's. Returns how many bytes were dropped (0: the peer closed).
    /// </summary>
    public IoResult Discard(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        SyscallTally.Count(SyscallKind.Read);
        var dropped = Libc.recv(this, null, (nuint)count, Libc.MSG_TRUNC);
        return IoResult.FromReturn(dropped, dropped < 0 ? Marshal.GetLastPInvokeError() : 0);
    }

    /// <summary>Sends without raising SIGPIPE; <paramref name="more"/> sets MSG_MORE (more data follows).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public IoResult Send(ReadOnlySpan<byte> buffer, bool more = false)
    {
        SyscallTally.Count(SyscallKind.Write);
        fixed (byte* pointer = buffer)
        {
            var flags = Libc.MSG_NOSIGNAL | (more ? Libc.MSG_MORE : 0);
            var sent = Libc.send(this, pointer, (nuint)buffer.Length, flags);
            return IoResult.FromReturn(sent, sent < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    /// <summary>Sends two buffers with one writev (a header and a body, say).</summary>
    public IoResult SendGather(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second)
    {
        SyscallTally.Count(SyscallKind.Write);
        fixed (byte* a = first)
        fixed (byte* b = second)
        {
            var vectors = stackalloc Libc.iovec[2];
            vectors[0] = new Libc.iovec { iov_base = a, iov_len = (nuint)first.Length };
            vectors[1] = new Libc.iovec { iov_base = b, iov_len = (nuint)second.Length };
            var sent = Libc.writev(this, vectors, 2);
            return IoResult.FromReturn(sent, sent < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    /// <summary>sendfile: up to <paramref name="count"/> bytes of <paramref name="file"/> from <paramref name="offset"/>, which advances.</summary>
    public IoResult SendFile(NativeFile file, ref long offset, int count)
    {
        ArgumentNullException.ThrowIfNull(file);
        SyscallTally.Count(SyscallKind.File);
        fixed (long* position = &offset)
        {
            var sent = Libc.sendfile(this, file.Handle, position, (nuint)count);
            return IoResult.FromReturn(sent, sent < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    public IoResult Shutdown(ShutdownMode mode)
    {
        SyscallTally.Count(SyscallKind.Socket);
        return Libc.shutdown(this, (int)mode) == 0 ? IoResult.Ok(0) : IoResult.Fail(Marshal.GetLastPInvokeError());
    }

    public void SetOption(SocketOption option, int value)
    {
        var (level, name) = Map(option);
        SyscallTally.Count(SyscallKind.Option);
        if (Libc.setsockopt(this, level, name, &value, sizeof(int)) != 0)
        {
            throw new ErrnoException($"setsockopt({option})", Marshal.GetLastPInvokeError());
        }
    }

    public int GetOption(SocketOption option)
    {
        var (level, name) = Map(option);
        var value = 0;
        var length = (uint)sizeof(int);
        SyscallTally.Count(SyscallKind.Option);
        return Libc.getsockopt(this, level, name, &value, &length) == 0
            ? value
            : throw new ErrnoException($"getsockopt({option})", Marshal.GetLastPInvokeError());
    }

    /// <summary>The outcome of a non-blocking connect once the socket is writable (SO_ERROR).</summary>
    public IoResult TakePendingError()
    {
        var errno = GetOption(SocketOption.PendingError);
        return errno == 0 ? IoResult.Ok(0) : IoResult.Fail(errno);
    }

    /// <summary>SO_LINGER with a zero timeout: the next close sends RST instead of FIN (an abortive close).</summary>
    public void SetAbortiveClose()
    {
        var value = new Libc.linger { l_onoff = 1, l_linger = 0 };
        SyscallTally.Count(SyscallKind.Option);
        if (Libc.setsockopt(this, Libc.SOL_SOCKET, Libc.SO_LINGER, &value, (uint)sizeof(Libc.linger)) != 0)
        {
            throw new ErrnoException("setsockopt(SO_LINGER)", Marshal.GetLastPInvokeError());
        }
    }

    public void SetBlocking(bool blocking)
    {
        SyscallTally.Count(SyscallKind.Option, 2);
        var flags = Libc.fcntl(this, Libc.F_GETFL, 0);
        if (flags < 0 || Libc.fcntl(this, Libc.F_SETFL, blocking ? flags & ~Libc.O_NONBLOCK : flags | Libc.O_NONBLOCK) < 0)
        {
            throw new ErrnoException("fcntl", Marshal.GetLastPInvokeError());
        }
    }

    public IPEndPoint LocalEndPoint => Name(peer: false);

    public IPEndPoint RemoteEndPoint => Name(peer: true);

    /// <summary>getsockname, or getpeername for the peer's: one signature, one address format.</summary>
    private IPEndPoint Name(bool peer)
    {
        var address = stackalloc byte[SocketAddressCodec.MaxLength];
        var length = (uint)SocketAddressCodec.MaxLength;
        SyscallTally.Count(SyscallKind.Option);
        var result = peer ? Libc.getpeername(this, address, &length) : Libc.getsockname(this, address, &length);
        return result == 0
            ? SocketAddressCodec.Read(address)
            : throw new ErrnoException(peer ? "getpeername" : "getsockname", Marshal.GetLastPInvokeError());
    }

    protected override bool ReleaseHandle()
    {
        SyscallTally.Count(SyscallKind.Close);
        return Libc.close((int)handle) == 0;
    }

    internal static (int Level, int Name) Map(SocketOption option) => option switch
    {
        SocketOption.ReuseAddress => (Libc.SOL_SOCKET, Libc.SO_REUSEADDR),
        SocketOption.ReusePort => (Libc.SOL_SOCKET, Libc.SO_REUSEPORT),
        SocketOption.NoDelay => (Libc.IPPROTO_TCP, Libc.TCP_NODELAY),
        SocketOption.Cork => (Libc.IPPROTO_TCP, Libc.TCP_CORK),
        SocketOption.SendBufferSize => (Libc.SOL_SOCKET, Libc.SO_SNDBUF),
        SocketOption.ReceiveBufferSize => (Libc.SOL_SOCKET, Libc.SO_RCVBUF),
        SocketOption.KeepAlive => (Libc.SOL_SOCKET, Libc.SO_KEEPALIVE),
        SocketOption.KeepAliveIdleSeconds => (Libc.IPPROTO_TCP, Libc.TCP_KEEPIDLE),
        SocketOption.KeepAliveIntervalSeconds => (Libc.IPPROTO_TCP, Libc.TCP_KEEPINTVL),
        SocketOption.KeepAliveProbes => (Libc.IPPROTO_TCP, Libc.TCP_KEEPCNT),
        SocketOption.FastOpenQueueLength => (Libc.IPPROTO_TCP, Libc.TCP_FASTOPEN),
        SocketOption.FastOpenConnect => (Libc.IPPROTO_TCP, Libc.TCP_FASTOPEN_CONNECT),
        SocketOption.BindAddressNoPort => (Libc.IPPROTO_IP, Libc.IP_BIND_ADDRESS_NO_PORT),
        SocketOption.QuickAck => (Libc.IPPROTO_TCP, Libc.TCP_QUICKACK),
        SocketOption.ZeroCopy => (Libc.SOL_SOCKET, Libc.SO_ZEROCOPY),
        SocketOption.PendingError => (Libc.SOL_SOCKET, Libc.SO_ERROR),
        _ => throw new ArgumentOutOfRangeException(nameof(option), option, null),
    };
}
