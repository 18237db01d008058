using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>The io_uring opcodes this project prepares (IORING_OP_*), with .NET names.</summary>
internal enum IoUringOperation : byte
{
    Nop = Libc.IORING_OP_NOP,
    PollAdd = Libc.IORING_OP_POLL_ADD,
    Accept = Libc.IORING_OP_ACCEPT,
    Cancel = Libc.IORING_OP_ASYNC_CANCEL,
    Close = Libc.IORING_OP_CLOSE,
    Read = Libc.IORING_OP_READ,
    Send = Libc.IORING_OP_SEND,
    Receive = Libc.IORING_OP_RECV,
    Splice = Libc.IORING_OP_SPLICE,
    Shutdown = Libc.IORING_OP_SHUTDOWN,
    SocketCommand = Libc.IORING_OP_URING_CMD,
    SendZeroCopy = Libc.IORING_OP_SEND_ZC,
}
