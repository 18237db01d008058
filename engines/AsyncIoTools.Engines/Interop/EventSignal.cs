using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>An eventfd used to wake a loop thread from another thread (stop, hand-off of a new connection).</summary>
internal sealed unsafe class EventSignal : IDisposable
{
    private EventSignal(FileDescriptorHandle handle) => Handle = handle;

    internal FileDescriptorHandle Handle { get; }

    public static EventSignal Create()
    {
        SyscallTally.Count(SyscallKind.Other);
        return new EventSignal(FileDescriptorHandle.FromReturn(Libc.eventfd(0, Libc.EFD_NONBLOCK | Libc.EFD_CLOEXEC), "eventfd"));
    }

    /// <summary>Makes the eventfd readable; safe from any thread, and after disposal it does nothing.</summary>
    public void Signal()
    {
        ulong one = 1;
        var added = false;
        try
        {
            Handle.DangerousAddRef(ref added);
            SyscallTally.Count(SyscallKind.Other);
            _ = Libc.write(Handle, &one, sizeof(ulong));
        }
        catch (ObjectDisposedException)
        {
            // The loop is gone; there is nobody left to wake.
        }
        finally
        {
            if (added)
            {
                Handle.DangerousRelease();
            }
        }
    }

    /// <summary>Consumes pending signals so a level-triggered wait stops reporting the eventfd.</summary>
    public void Drain()
    {
        ulong value;
        SyscallTally.Count(SyscallKind.Other);
        _ = Libc.read(Handle, &value, sizeof(ulong));
    }

    public void Dispose() => Handle.Dispose();
}
