using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// A folder files are served from. Files are opened with openat2(RESOLVE_BENEATH): the kernel refuses any path
/// that would leave the folder — "..", absolute paths, symlinks pointing out — whatever the caller checked.
/// </summary>
internal sealed unsafe class FileRootHandle : IDisposable
{
    private readonly FileDescriptorHandle _directory;

    private FileRootHandle(FileDescriptorHandle directory, string path)
    {
        _directory = directory;
        Path = path;
    }

    public string Path { get; }

    public static FileRootHandle Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        SyscallTally.Count(SyscallKind.File);
        return new FileRootHandle(FileDescriptorHandle.FromReturn(Libc.open(path, Libc.O_PATH | Libc.O_DIRECTORY | Libc.O_CLOEXEC, 0), $"open({path})"), path);
    }

    /// <summary>
    /// Opens a regular file below the root for reading. Fails with NotFound-like errors for anything missing,
    /// outside the root (EXDEV), a symlink loop, or not a regular file — callers answer all of them the same.
    /// </summary>
    public IoResult TryOpen(ReadOnlySpan<byte> relativePath, out NativeFile? file)
    {
        file = null;
        if (relativePath.IsEmpty || relativePath.Contains((byte)0))
        {
            return IoResult.Fail(Errno.ENOENT);
        }

        Span<byte> path = stackalloc byte[relativePath.Length + 1];
        relativePath.CopyTo(path);
        path[^1] = 0;
        var how = new Libc.open_how
        {
            flags = (ulong)(Libc.O_RDONLY | Libc.O_CLOEXEC),
            resolve = Libc.RESOLVE_BENEATH | Libc.RESOLVE_NO_MAGICLINKS,
        };
        long descriptor;
        SyscallTally.Count(SyscallKind.File);
        fixed (byte* pointer = path)
        {
            descriptor = Libc.syscall_openat2(Libc.SYS_openat2, _directory, pointer, &how, (nuint)sizeof(Libc.open_how));
        }

        if (descriptor < 0)
        {
            return IoResult.Fail(Marshal.GetLastPInvokeError());
        }

        var handle = new FileDescriptorHandle((int)descriptor);
        Libc.statx status;
        SyscallTally.Count(SyscallKind.File);
        fixed (byte* empty = ""u8)
        {
            if (Libc.statx_call(handle, empty, Libc.AT_EMPTY_PATH, Libc.STATX_TYPE | Libc.STATX_SIZE, &status) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                handle.Dispose();
                return IoResult.Fail(errno);
            }
        }

        if ((status.stx_mode & Libc.S_IFMT) != Libc.S_IFREG)
        {
            handle.Dispose();
            return IoResult.Fail(Errno.ENOENT);
        }

        file = new NativeFile(handle, (long)status.stx_size);
        return IoResult.Ok(0);
    }

    public override string ToString() => Path;

    public void Dispose() => _directory.Dispose();
}
