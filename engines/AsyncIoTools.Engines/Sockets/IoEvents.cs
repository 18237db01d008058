using AsyncIoTools.Engines.Interop;

namespace AsyncIoTools.Engines.Sockets;

/// <summary>
/// Readiness and interest flags. The values are Linux's EPOLL* bits, which poll's POLL* bits share, so epoll
/// and poll results need no translation; select and completion engines set them by hand.
/// </summary>
[Flags]
#pragma warning disable CA1028 // The kernel's bits are 32-bit unsigned.
public enum IoEvents : uint
#pragma warning restore CA1028
{
    None = 0,
    Readable = Libc.EPOLLIN,
    Priority = Libc.EPOLLPRI,
    Writable = Libc.EPOLLOUT,
    Error = Libc.EPOLLERR,
    HangUp = Libc.EPOLLHUP,
    ReadHangUp = Libc.EPOLLRDHUP,
    Exclusive = Libc.EPOLLEXCLUSIVE,
    OneShot = Libc.EPOLLONESHOT,
    EdgeTriggered = Libc.EPOLLET,
}
