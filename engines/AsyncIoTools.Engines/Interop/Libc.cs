using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// Raw bindings to the C library, one area per file (Libc.Socket.cs, Libc.Epoll.cs, …). Names keep the
/// kernel's spelling. Nothing outside this folder calls them: the safe wrappers here do, and count each call.
/// </summary>
internal static partial class Libc
{
    internal const string Name = "libc";
}
