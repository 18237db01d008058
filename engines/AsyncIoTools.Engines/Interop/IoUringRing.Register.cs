using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>io_uring_register: what the ring can do, and resources registered once instead of per request.</summary>
internal sealed unsafe partial class IoUringRing
{
    private const int ProbeOperations = 256;

    /// <summary>IORING_REGISTER_PROBE: which opcodes this kernel supports, indexed by opcode.</summary>
    public bool[] ProbeSupportedOperations()
    {
        var bytes = sizeof(Libc.io_uring_probe) + (ProbeOperations * sizeof(Libc.io_uring_probe_op));
        var memory = stackalloc byte[bytes];
        new Span<byte>(memory, bytes).Clear();
        Register(Libc.IORING_REGISTER_PROBE, memory, ProbeOperations, "IORING_REGISTER_PROBE");
        var probe = (Libc.io_uring_probe*)memory;
        var ops = (Libc.io_uring_probe_op*)(memory + sizeof(Libc.io_uring_probe));
        var supported = new bool[ProbeOperations];
        for (var i = 0; i < probe->ops_len && i < ProbeOperations; i++)
        {
            supported[ops[i].op] = (ops[i].flags & Libc.IO_URING_OP_SUPPORTED) != 0;
        }

        return supported;
    }

    /// <summary>
    /// IORING_REGISTER_FILES2 with IORING_RSRC_REGISTER_SPARSE: an empty fixed-file table of
    /// <paramref name="slots"/> slots that direct accepts fill (at most RLIMIT_NOFILE slots).
    /// </summary>
    public void RegisterSparseFiles(int slots)
    {
        var register = new Libc.io_uring_rsrc_register { nr = (uint)slots, flags = Libc.IORING_RSRC_REGISTER_SPARSE };
        Register(Libc.IORING_REGISTER_FILES2, &register, (uint)sizeof(Libc.io_uring_rsrc_register), "IORING_REGISTER_FILES2");
    }

    /// <summary>
    /// IORING_REGISTER_PBUF_RING: <paramref name="count"/> buffers of <paramref name="bufferBytes"/> each in
    /// group <paramref name="group"/>, which multishot receives pick from.
    /// </summary>
    public IoUringBufferRing RegisterBufferRing(ushort group, int count, int bufferBytes) => IoUringBufferRing.Create(this, group, count, bufferBytes);

    internal void Register(uint opcode, void* argument, uint count, string what)
    {
        SyscallTally.Count(SyscallKind.Register);
        if (Libc.io_uring_register(_handle.Descriptor, opcode, argument, count) < 0)
        {
            throw new ErrnoException($"io_uring_register({what})", Marshal.GetLastPInvokeError());
        }
    }

    /// <summary>Like <see cref="Register"/> but for teardown: the errno is returned, never thrown.</summary>
    internal int TryRegister(uint opcode, void* argument, uint count)
    {
        SyscallTally.Count(SyscallKind.Register);
        return Libc.io_uring_register(_handle.Descriptor, opcode, argument, count) < 0 ? Marshal.GetLastPInvokeError() : 0;
    }
}
