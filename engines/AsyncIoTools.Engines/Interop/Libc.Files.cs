using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

internal static unsafe partial class Libc
{
    internal const int O_RDONLY = 0;
    internal const int O_DIRECTORY = 0x10000;
    internal const int O_NOFOLLOW = 0x20000;
    internal const int O_CLOEXEC = 0x80000;
    internal const int O_PATH = 0x200000;

    internal const ulong RESOLVE_NO_MAGICLINKS = 0x02;
    internal const ulong RESOLVE_BENEATH = 0x08;

    internal const int AT_EMPTY_PATH = 0x1000;
    internal const uint STATX_TYPE = 0x1;
    internal const uint STATX_SIZE = 0x200;
    internal const ushort S_IFMT = 0xF000;
    internal const ushort S_IFREG = 0x8000;

    internal const uint SPLICE_F_MOVE = 1;
    internal const uint SPLICE_F_NONBLOCK = 2;
    internal const uint SPLICE_F_MORE = 4;
    internal const int F_SETPIPE_SZ = 1031;

    /// <summary>x86-64 system call number of openat2 (glibc has no wrapper).</summary>
    internal const long SYS_openat2 = 437;

    [StructLayout(LayoutKind.Sequential)]
    internal struct open_how
    {
        public ulong flags;
        public ulong mode;
        public ulong resolve;
    }

    /// <summary>struct statx, up to stx_size (the kernel writes the whole 256 bytes).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    internal struct statx
    {
        [FieldOffset(0)]
        public uint stx_mask;

        [FieldOffset(28)]
        public ushort stx_mode;

        [FieldOffset(40)]
        public ulong stx_size;
    }

    [LibraryImport(Name, SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int open(string pathname, int flags, int mode);

    [LibraryImport(Name, EntryPoint = "syscall", SetLastError = true)]
    internal static partial long syscall_openat2(long number, SafeHandle dirfd, byte* pathname, open_how* how, nuint size);

    /// <summary>statx(2); named apart from <c>struct statx</c>, which C keeps in another namespace.</summary>
    [LibraryImport(Name, EntryPoint = "statx", SetLastError = true)]
    internal static partial int statx_call(SafeHandle dirfd, byte* pathname, int flags, uint mask, statx* statxbuf);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint pread(SafeHandle fd, void* buf, nuint count, long offset);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint sendfile(SafeHandle out_fd, SafeHandle in_fd, long* offset, nuint count);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial nint splice(SafeHandle fd_in, long* off_in, SafeHandle fd_out, long* off_out, nuint len, uint flags);

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int pipe2(int* pipefd, int flags);

    [LibraryImport(Name, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int fcntl_int(SafeHandle fd, int cmd, int arg);
}
