using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>The kernel's names of <see cref="IoUringOperation"/> values, for messages a user can look up.</summary>
internal static class IoUringOperationNames
{
    public static string Of(IoUringOperation operation) => operation switch
    {
        IoUringOperation.Nop => "IORING_OP_NOP",
        IoUringOperation.PollAdd => "IORING_OP_POLL_ADD",
        IoUringOperation.Accept => "IORING_OP_ACCEPT",
        IoUringOperation.Cancel => "IORING_OP_ASYNC_CANCEL",
        IoUringOperation.Close => "IORING_OP_CLOSE",
        IoUringOperation.Read => "IORING_OP_READ",
        IoUringOperation.Send => "IORING_OP_SEND",
        IoUringOperation.Receive => "IORING_OP_RECV",
        IoUringOperation.Splice => "IORING_OP_SPLICE",
        IoUringOperation.Shutdown => "IORING_OP_SHUTDOWN",
        IoUringOperation.SocketCommand => "IORING_OP_URING_CMD",
        IoUringOperation.SendZeroCopy => "IORING_OP_SEND_ZC",
        _ => $"IORING_OP {(byte)operation}",
    };
}
