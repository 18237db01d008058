using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

internal enum ShutdownMode
{
    Receive = Libc.SHUT_RD,
    Send = Libc.SHUT_WR,
    Both = Libc.SHUT_RDWR,
}
