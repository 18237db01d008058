using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>A mapping made by mmap; releasing it unmaps it. Counted as <see cref="SyscallKind.Other"/>.</summary>
internal sealed unsafe class MappedRegion : SafeHandle
{
    private MappedRegion(void* address, nuint length)
        : base(IntPtr.Zero, ownsHandle: true)
    {
        SetHandle((IntPtr)address);
        Length = length;
    }

    public override bool IsInvalid => handle == IntPtr.Zero;

    public nuint Length { get; }

    public byte* Pointer => (byte*)handle;

    /// <summary>Maps <paramref name="length"/> bytes of <paramref name="descriptor"/> at <paramref name="offset"/> (an io_uring ring).</summary>
    public static MappedRegion MapShared(FileDescriptorHandle descriptor, nuint length, long offset, string what)
    {
        SyscallTally.Count(SyscallKind.Other);
        var address = Libc.mmap(null, length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_POPULATE, descriptor.Descriptor, offset);
        return address != Libc.MAP_FAILED ? new MappedRegion(address, length) : throw new ErrnoException($"mmap({what})", Marshal.GetLastPInvokeError());
    }

    /// <summary>Page-aligned, zeroed private memory that never moves: buffers the kernel reads or writes later.</summary>
    public static MappedRegion MapAnonymous(nuint length)
    {
        SyscallTally.Count(SyscallKind.Other);
        var address = Libc.mmap(null, length, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS, -1, 0);
        return address != Libc.MAP_FAILED ? new MappedRegion(address, length) : throw new ErrnoException("mmap(anonymous)", Marshal.GetLastPInvokeError());
    }

    protected override bool ReleaseHandle()
    {
        SyscallTally.Count(SyscallKind.Other);
        return Libc.munmap((void*)handle, Length) == 0;
    }
}
