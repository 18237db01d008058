using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>An epoll instance: interest registered once per descriptor, ready descriptors returned by wait.</summary>
internal sealed unsafe class Epoll : IDisposable
{
    private readonly FileDescriptorHandle _handle;

    private Epoll(FileDescriptorHandle handle) => _handle = handle;

    public static Epoll Create()
    {
        SyscallTally.Count(SyscallKind.Other);
        return new Epoll(FileDescriptorHandle.FromReturn(Libc.epoll_create1(Libc.EPOLL_CLOEXEC), "epoll_create1"));
    }

    public void Add(NativeSocket socket, IoEvents interest, ulong token) => Control(Libc.EPOLL_CTL_ADD, socket, interest, token);

    public void Add(EventSignal signal, IoEvents interest, ulong token)
    {
        ArgumentNullException.ThrowIfNull(signal);
        Control(Libc.EPOLL_CTL_ADD, signal.Handle, interest, token);
    }

    public void Modify(NativeSocket socket, IoEvents interest, ulong token) => Control(Libc.EPOLL_CTL_MOD, socket, interest, token);

    /// <summary>Removes the socket; closing a descriptor removes it too, so this is only needed to keep it open.</summary>
    public void Delete(NativeSocket socket) => Control(Libc.EPOLL_CTL_DEL, socket, IoEvents.None, 0);

    /// <summary>
    /// Waits up to <paramref name="timeoutMilliseconds"/> (-1: for ever) and fills <paramref name="events"/>;
    /// returns how many are ready (0 on timeout or when a signal interrupted the wait).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Wait(Span<ReadyEvent> events, int timeoutMilliseconds)
    {
        SyscallTally.Count(SyscallKind.Wait);
        fixed (ReadyEvent* pointer = events)
        {
            var ready = Libc.epoll_wait(_handle, (Libc.epoll_event*)pointer, events.Length, timeoutMilliseconds);
            if (ready >= 0)
            {
                return ready;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno == Errno.EINTR ? 0 : throw new ErrnoException("epoll_wait", errno);
        }
    }

    /// <summary>
    /// Waits with a precise timeout (epoll_pwait2, Linux 5.11+): a constant-rate load generator must send on
    /// time to the microsecond, which a millisecond timeout cannot do. A zero timeout only polls.
    /// </summary>
    public int Wait(Span<ReadyEvent> events, TimeSpan timeout)
    {
        var ticks = Math.Max(0, timeout.Ticks);
        var spec = new Libc.timespec { tv_sec = ticks / TimeSpan.TicksPerSecond, tv_nsec = ticks % TimeSpan.TicksPerSecond * 100 };
        SyscallTally.Count(SyscallKind.Wait);
        fixed (ReadyEvent* pointer = events)
        {
            var ready = Libc.epoll_pwait2(_handle, (Libc.epoll_event*)pointer, events.Length, &spec, null);
            if (ready >= 0)
            {
                return ready;
            }

            var errno = Marshal.GetLastPInvokeError();
            return errno == Errno.EINTR ? 0 : throw new ErrnoException("epoll_pwait2", errno);
        }
    }

    public void Dispose() => _handle.Dispose();

    private void Control(int operation, SafeHandle target, IoEvents interest, ulong token)
    {
        var @event = new Libc.epoll_event { events = (uint)interest, data = token };
        SyscallTally.Count(SyscallKind.Control);
        if (Libc.epoll_ctl(_handle, operation, target, &@event) != 0)
        {
            throw new ErrnoException("epoll_ctl", Marshal.GetLastPInvokeError());
        }
    }
}
