using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

internal static unsafe partial class Libc
{
    internal const int EPOLL_CLOEXEC = 0x80000;
    internal const int EPOLL_CTL_ADD = 1;
    internal const int EPOLL_CTL_DEL = 2;
    internal const int EPOLL_CTL_MOD = 3;

    internal const uint EPOLLIN = 0x001;
    internal const uint EPOLLPRI = 0x002;
    internal const uint EPOLLOUT = 0x004;
    internal const uint EPOLLERR = 0x008;
    internal const uint EPOLLHUP = 0x010;
    internal const uint EPOLLRDHUP = 0x2000;
    internal const uint EPOLLEXCLUSIVE = 1u << 28;
    internal const uint EPOLLONESHOT = 1u << 30;
    internal const uint EPOLLET = 1u << 31;

    /// <summary>struct epoll_event, packed on x86-64 (12 bytes): the reason epoll is x64-only here.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal struct epoll_event
    {
        public uint events;
        public ulong data;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int epoll_create1(int flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int epoll_ctl(SafeHandle epfd, int op, SafeHandle fd, epoll_event* @event);

    [StructLayout(LayoutKind.Sequential)]
    internal struct timespec
    {
        public long tv_sec;
        public long tv_nsec;
    }

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int epoll_wait(SafeHandle epfd, epoll_event* events, int maxevents, int timeout);

    /// <summary>Linux 5.11+: epoll_wait with a nanosecond timeout.</summary>
    [LibraryImport(Name, SetLastError = true)]
    internal static partial int epoll_pwait2(SafeHandle epfd, epoll_event* events, int maxevents, timespec* timeout, void* sigmask);
}
