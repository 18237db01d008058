using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// io_uring's three system calls (x86-64 numbers; glibc has no wrappers) and the constants of
/// include/uapi/linux/io_uring.h that this project uses. Structs are in Libc.IoUring.Structs.cs.
/// </summary>
internal static unsafe partial class Libc
{
    internal const long SYS_io_uring_setup = 425;
    internal const long SYS_io_uring_enter = 426;
    internal const long SYS_io_uring_register = 427;

    // io_uring_setup flags.
    internal const uint IORING_SETUP_IOPOLL = 1u << 0;
    internal const uint IORING_SETUP_SQPOLL = 1u << 1;
    internal const uint IORING_SETUP_SQ_AFF = 1u << 2;
    internal const uint IORING_SETUP_CQSIZE = 1u << 3;
    internal const uint IORING_SETUP_CLAMP = 1u << 4;
    internal const uint IORING_SETUP_SUBMIT_ALL = 1u << 7;
    internal const uint IORING_SETUP_COOP_TASKRUN = 1u << 8;
    internal const uint IORING_SETUP_TASKRUN_FLAG = 1u << 9;
    internal const uint IORING_SETUP_SINGLE_ISSUER = 1u << 12;
    internal const uint IORING_SETUP_DEFER_TASKRUN = 1u << 13;

    // io_uring_params.features.
    internal const uint IORING_FEAT_SINGLE_MMAP = 1u << 0;
    internal const uint IORING_FEAT_NODROP = 1u << 1;
    internal const uint IORING_FEAT_SUBMIT_STABLE = 1u << 2;
    internal const uint IORING_FEAT_FAST_POLL = 1u << 5;
    internal const uint IORING_FEAT_EXT_ARG = 1u << 8;
    internal const uint IORING_FEAT_NATIVE_WORKERS = 1u << 9;
    internal const uint IORING_FEAT_CQE_SKIP = 1u << 11;
    internal const uint IORING_FEAT_REG_REG_RING = 1u << 13;

    // mmap offsets of the rings.
    internal const long IORING_OFF_SQ_RING = 0;
    internal const long IORING_OFF_CQ_RING = 0x8000000;
    internal const long IORING_OFF_SQES = 0x10000000;

    // Flags in the SQ ring's flags word.
    internal const uint IORING_SQ_NEED_WAKEUP = 1u << 0;
    internal const uint IORING_SQ_CQ_OVERFLOW = 1u << 1;
    internal const uint IORING_SQ_TASKRUN = 1u << 2;

    // io_uring_enter flags.
    internal const uint IORING_ENTER_GETEVENTS = 1u << 0;
    internal const uint IORING_ENTER_SQ_WAKEUP = 1u << 1;
    internal const uint IORING_ENTER_SQ_WAIT = 1u << 2;
    internal const uint IORING_ENTER_EXT_ARG = 1u << 3;

    // Opcodes (enum io_uring_op).
    internal const byte IORING_OP_NOP = 0;
    internal const byte IORING_OP_POLL_ADD = 6;
    internal const byte IORING_OP_TIMEOUT = 11;
    internal const byte IORING_OP_ACCEPT = 13;
    internal const byte IORING_OP_ASYNC_CANCEL = 14;
    internal const byte IORING_OP_CLOSE = 19;
    internal const byte IORING_OP_FILES_UPDATE = 20;
    internal const byte IORING_OP_READ = 22;
    internal const byte IORING_OP_SEND = 26;
    internal const byte IORING_OP_RECV = 27;
    internal const byte IORING_OP_SPLICE = 30;
    internal const byte IORING_OP_PROVIDE_BUFFERS = 31;
    internal const byte IORING_OP_SHUTDOWN = 34;
    internal const byte IORING_OP_URING_CMD = 46;
    internal const byte IORING_OP_SEND_ZC = 47;
    internal const byte IORING_OP_LAST_KNOWN = 58;

    // io_uring_sqe.flags.
    internal const byte IOSQE_FIXED_FILE = 1 << 0;
    internal const byte IOSQE_IO_DRAIN = 1 << 1;
    internal const byte IOSQE_IO_LINK = 1 << 2;
    internal const byte IOSQE_ASYNC = 1 << 4;
    internal const byte IOSQE_BUFFER_SELECT = 1 << 5;
    internal const byte IOSQE_CQE_SKIP_SUCCESS = 1 << 6;

    // io_uring_sqe.ioprio for send/recv, and for accept.
    internal const ushort IORING_RECVSEND_POLL_FIRST = 1 << 0;
    internal const ushort IORING_RECV_MULTISHOT = 1 << 1;
    internal const ushort IORING_ACCEPT_MULTISHOT = 1 << 0;

    // IORING_OP_POLL_ADD len flags.
    internal const uint IORING_POLL_ADD_MULTI = 1u << 0;

    // Cancel flags (io_uring_sqe.cancel_flags).
    internal const uint IORING_ASYNC_CANCEL_ALL = 1u << 0;
    internal const uint IORING_ASYNC_CANCEL_FD = 1u << 1;
    internal const uint IORING_ASYNC_CANCEL_ANY = 1u << 2;
    internal const uint IORING_ASYNC_CANCEL_FD_FIXED = 1u << 3;

    /// <summary>file_index of a direct accept/open: let the kernel pick a free slot of the fixed table.</summary>
    internal const uint IORING_FILE_INDEX_ALLOC = uint.MaxValue;

    // io_uring_cqe.flags.
    internal const uint IORING_CQE_F_BUFFER = 1u << 0;
    internal const uint IORING_CQE_F_MORE = 1u << 1;
    internal const uint IORING_CQE_F_SOCK_NONEMPTY = 1u << 2;
    internal const uint IORING_CQE_F_NOTIF = 1u << 3;
    internal const int IORING_CQE_BUFFER_SHIFT = 16;

    // io_uring_register opcodes.
    internal const uint IORING_REGISTER_FILES = 2;
    internal const uint IORING_UNREGISTER_FILES = 3;
    internal const uint IORING_REGISTER_PROBE = 8;
    internal const uint IORING_REGISTER_FILES2 = 13;
    internal const uint IORING_REGISTER_PBUF_RING = 22;
    internal const uint IORING_UNREGISTER_PBUF_RING = 23;

    internal const uint IORING_RSRC_REGISTER_SPARSE = 1u << 0;
    internal const ushort IO_URING_OP_SUPPORTED = 1 << 0;

    // IORING_OP_URING_CMD on a socket.
    internal const uint SOCKET_URING_OP_SETSOCKOPT = 3;

    [LibraryImport(Name, SetLastError = true)]
    internal static partial long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);

    internal static int io_uring_setup(uint entries, io_uring_params* p) =>
        (int)syscall(SYS_io_uring_setup, entries, (long)p, 0, 0, 0, 0);

    internal static int io_uring_enter(int fd, uint to_submit, uint min_complete, uint flags, void* arg, nuint argsz) =>
        (int)syscall(SYS_io_uring_enter, fd, to_submit, min_complete, flags, (long)arg, (long)argsz);

    internal static int io_uring_register(int fd, uint opcode, void* arg, uint nr_args) =>
        (int)syscall(SYS_io_uring_register, fd, opcode, (long)arg, nr_args, 0, 0);
}
