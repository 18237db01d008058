using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>A regular file opened for reading, with its length; disposing closes it.</summary>
internal sealed unsafe class NativeFile : IDisposable
{
    internal NativeFile(FileDescriptorHandle handle, long length)
    {
        Handle = handle;
        Length = length;
    }

    public long Length { get; }

    internal FileDescriptorHandle Handle { get; }

    /// <summary>pread: reads at <paramref name="offset"/> without moving the file position.</summary>
    public IoResult ReadAt(Span<byte> buffer, long offset)
    {
        SyscallTally.Count(SyscallKind.File);
        fixed (byte* pointer = buffer)
        {
            var read = Libc.pread(Handle, pointer, (nuint)buffer.Length, offset);
            return IoResult.FromReturn(read, read < 0 ? Marshal.GetLastPInvokeError() : 0);
        }
    }

    public void Dispose() => Handle.Dispose();
}
