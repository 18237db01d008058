using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>A descriptor that is not a socket (epoll, eventfd, io_uring, pipe, file); releasing it closes it.</summary>
internal sealed class FileDescriptorHandle : SafeHandle
{
    internal FileDescriptorHandle(int descriptor)
        : base(-1, ownsHandle: true)
    {
        SetHandle(descriptor);
    }

    public override bool IsInvalid => handle == -1;

    internal int Descriptor => (int)handle;

    /// <summary>Wraps a returned descriptor or throws for a failed call that returned -1.</summary>
    internal static FileDescriptorHandle FromReturn(int descriptor, string function) =>
        descriptor >= 0 ? new FileDescriptorHandle(descriptor) : throw new ErrnoException(function, Marshal.GetLastPInvokeError());

    protected override bool ReleaseHandle()
    {
        SyscallTally.Count(SyscallKind.Close);
        return Libc.close((int)handle) == 0;
    }
}
