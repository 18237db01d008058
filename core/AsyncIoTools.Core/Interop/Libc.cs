namespace AsyncIoTools.Interop;

/// <summary>
/// Raw bindings to the C library for process-level calls every room makes at start-up (CPU affinity, open-files
/// limits, signals), one area per file. The I/O interop (sockets, epoll, io_uring) is the engines' own, in
/// engines/AsyncIoTools.Engines/Interop. Names keep the kernel's spelling; only Processes/ calls these.
/// </summary>
internal static partial class Libc
{
    internal const string Name = "libc";

    internal const int ESRCH = 3;
}
