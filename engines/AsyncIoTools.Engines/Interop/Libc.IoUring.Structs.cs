using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Interop;

/// <summary>The structs of include/uapi/linux/io_uring.h, laid out exactly as the kernel's (x86-64).</summary>
internal static unsafe partial class Libc
{
    [StructLayout(LayoutKind.Sequential)]
    internal struct io_sqring_offsets
    {
        public uint head;
        public uint tail;
        public uint ring_mask;
        public uint ring_entries;
        public uint flags;
        public uint dropped;
        public uint array;
        public uint resv1;
        public ulong user_addr;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct io_cqring_offsets
    {
        public uint head;
        public uint tail;
        public uint ring_mask;
        public uint ring_entries;
        public uint overflow;
        public uint cqes;
        public uint flags;
        public uint resv1;
        public ulong user_addr;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct io_uring_params
    {
        public uint sq_entries;
        public uint cq_entries;
        public uint flags;
        public uint sq_thread_cpu;
        public uint sq_thread_idle;
        public uint features;
        public uint wq_fd;
        public fixed uint resv[3];
        public io_sqring_offsets sq_off;
        public io_cqring_offsets cq_off;
    }

    /// <summary>
    /// One submission queue entry (64 bytes). The kernel's unions are flattened to the member each offset
    /// is used as here; the comments name the other members that share the offset.
    /// </summary>
    [StructLayout(LayoutKind.Explicit, Size = 64)]
    internal struct io_uring_sqe
    {
        [FieldOffset(0)] public byte opcode;
        [FieldOffset(1)] public byte flags;
        [FieldOffset(2)] public ushort ioprio;
        [FieldOffset(4)] public int fd;

        /// <summary>off / addr2; cmd_op in its low half for IORING_OP_URING_CMD.</summary>
        [FieldOffset(8)] public ulong off;
        [FieldOffset(8)] public uint cmd_op;

        /// <summary>addr / splice_off_in; level and optname for a socket command.</summary>
        [FieldOffset(16)] public ulong addr;
        [FieldOffset(16)] public uint level;
        [FieldOffset(20)] public uint optname;

        [FieldOffset(24)] public uint len;

        /// <summary>rw_flags / msg_flags / accept_flags / cancel_flags / poll32_events / timeout_flags …</summary>
        [FieldOffset(28)] public uint op_flags;

        [FieldOffset(32)] public ulong user_data;

        /// <summary>buf_index / buf_group.</summary>
        [FieldOffset(40)] public ushort buf_index;
        [FieldOffset(42)] public ushort personality;

        /// <summary>splice_fd_in / file_index / optlen / addr_len.</summary>
        [FieldOffset(44)] public uint file_index;

        /// <summary>addr3 / optval.</summary>
        [FieldOffset(48)] public ulong addr3;
        [FieldOffset(56)] public ulong pad2;
    }

    /// <summary>One completion queue entry (16 bytes without IORING_SETUP_CQE32).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct io_uring_cqe
    {
        public ulong user_data;
        public int res;
        public uint flags;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct io_uring_probe_op
    {
        public byte op;
        public byte resv;
        public ushort flags;
        public uint resv2;
    }

    /// <summary>Header of IORING_REGISTER_PROBE's answer; <c>ops_len</c> io_uring_probe_op follow it.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct io_uring_probe
    {
        public byte last_op;
        public byte ops_len;
        public ushort resv;
        public fixed uint resv2[3];
    }

    /// <summary>One entry of a provided-buffer ring; the ring's tail overlays entry 0's <c>resv</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct io_uring_buf
    {
        public ulong addr;
        public uint len;
        public ushort bid;
        public ushort resv;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct io_uring_buf_reg
    {
        public ulong ring_addr;
        public uint ring_entries;
        public ushort bgid;
        public ushort flags;
        public fixed ulong resv[3];
    }

    /// <summary>Argument of IORING_REGISTER_FILES2 (a sparse fixed-file table with IORING_RSRC_REGISTER_SPARSE).</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct io_uring_rsrc_register
    {
        public uint nr;
        public uint flags;
        public ulong resv2;
        public ulong data;
        public ulong tags;
    }

    /// <summary>Argument of io_uring_enter with IORING_ENTER_EXT_ARG: a wait timeout without a TIMEOUT SQE.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct io_uring_getevents_arg
    {
        public ulong sigmask;
        public uint sigmask_sz;
        public uint min_wait_usec;
        public ulong ts;
    }

    [StructLayout(LayoutKind.Sequential)]
    internal struct __kernel_timespec
    {
        public long tv_sec;
        public long tv_nsec;
    }
}
