using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

internal static partial class Libc
{
    internal const int EFD_NONBLOCK = 0x800;
    internal const int EFD_CLOEXEC = 0x80000;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial int eventfd(uint initval, int flags);
}
