namespace AsyncIoTools.Engines.Interop;

public enum ShutdownMode
{
    Receive = Libc.SHUT_RD,
    Send = Libc.SHUT_WR,
    Both = Libc.SHUT_RDWR,
}
