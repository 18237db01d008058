using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Engines.Interop;

/// <summary>
/// One io_uring: the submission and completion rings mmap'd into this process. <c>Prepare…</c> methods write a
/// submission queue entry in place (no copy, no syscall); <see cref="SubmitAndWait"/> hands the batch to the
/// kernel and waits in one io_uring_enter; <see cref="Reap"/> copies completions out of the mapped completion
/// queue without a syscall. Not thread-safe: one loop thread owns a ring.
/// </summary>
/// <remarks>
/// Syscall accounting: every io_uring_enter is counted once. One that waits for completions (GETEVENTS with
/// min_complete ≥ 1) is a <see cref="SyscallKind.Wait"/>, the io_uring counterpart of epoll_wait, so waits and
/// events per wait compare across engines; one that only submits, flushes or wakes the SQPOLL thread is a
/// <see cref="SyscallKind.Enter"/>. io_uring_setup and io_uring_register are <see cref="SyscallKind.Register"/>;
/// mmap and munmap are <see cref="SyscallKind.Other"/>. Requests themselves are not syscalls and are not counted.
/// </remarks>
internal sealed unsafe partial class IoUringRing : IDisposable
{
    private const int ETIME = 62;

    private readonly FileDescriptorHandle _handle;
    private readonly MappedRegion _sqRegion;
    private readonly MappedRegion? _cqRegion;
    private readonly MappedRegion _sqeRegion;
    private readonly NativeBuffer _scratch;
    private readonly uint* _sqHead;
    private readonly uint* _sqTail;
    private readonly uint* _sqFlags;
    private readonly uint _sqMask;
    private readonly Libc.io_uring_sqe* _sqes;
    private readonly uint* _cqHead;
    private readonly uint* _cqTail;
    private readonly uint _cqMask;
    private readonly Libc.io_uring_cqe* _cqes;
    private readonly bool _polled;
    private uint _sqeTail;

    private IoUringRing(FileDescriptorHandle handle, MappedRegion sq, MappedRegion? cq, MappedRegion sqes, in Libc.io_uring_params p)
    {
        _handle = handle;
        _sqRegion = sq;
        _cqRegion = cq;
        _sqeRegion = sqes;
        Flags = (IoUringSetup)p.flags & ~(IoUringSetup)Libc.IORING_SETUP_CQSIZE;
        FeatureBits = p.features;
        SubmissionEntries = (int)p.sq_entries;
        CompletionEntries = (int)p.cq_entries;
        _polled = (p.flags & Libc.IORING_SETUP_SQPOLL) != 0;

        var sqBase = sq.Pointer;
        _sqHead = (uint*)(sqBase + p.sq_off.head);
        _sqTail = (uint*)(sqBase + p.sq_off.tail);
        _sqFlags = (uint*)(sqBase + p.sq_off.flags);
        _sqMask = *(uint*)(sqBase + p.sq_off.ring_mask);
        _sqeTail = *_sqTail;

        // The kernel reads SQEs through an index array; an identity map set once lets the tail alone publish them.
        var array = (uint*)(sqBase + p.sq_off.array);
        for (uint i = 0; i < p.sq_entries; i++)
        {
            array[i] = i;
        }

        var cqBase = cq is null ? sqBase : cq.Pointer;
        _cqHead = (uint*)(cqBase + p.cq_off.head);
        _cqTail = (uint*)(cqBase + p.cq_off.tail);
        _cqMask = *(uint*)(cqBase + p.cq_off.ring_mask);
        _cqes = (Libc.io_uring_cqe*)(cqBase + p.cq_off.cqes);
        _sqes = (Libc.io_uring_sqe*)sqes.Pointer;
        _scratch = NativeBuffer.Allocate(Environment.SystemPageSize);
    }

    /// <summary>The setup flags the ring was made with.</summary>
    public IoUringSetup Flags { get; }

    public int SubmissionEntries { get; }

    public int CompletionEntries { get; }

    /// <summary>Completions waiting in the completion queue, read without a syscall.</summary>
    public int CompletionsReady => (int)(Volatile.Read(ref *_cqTail) - *_cqHead);

    /// <summary>Entries prepared and not yet consumed by the kernel.</summary>
    public int Unsubmitted => (int)(_sqeTail - Volatile.Read(ref *_sqHead));

    /// <summary>The position the next prepared entry takes; positions only grow (modulo 2^32).</summary>
    public uint NextSubmission => _sqeTail;

    /// <summary>The kernel's position in the submission queue: every entry before it has been consumed.</summary>
    public uint SubmittedUpTo => Volatile.Read(ref *_sqHead);

    /// <summary>Completions did not fit in the queue and wait in the kernel (IORING_SQ_CQ_OVERFLOW) until the next enter.</summary>
    public bool CompletionsOverflowed => (Volatile.Read(ref *_sqFlags) & Libc.IORING_SQ_CQ_OVERFLOW) != 0;

    internal uint FeatureBits { get; }

    internal FileDescriptorHandle Handle => _handle;

    /// <summary>Makes a ring. Fails with the errno of io_uring_setup (EPERM, ENOSYS, EINVAL for an unknown flag).</summary>
    public static IoUringRing Create(IoUringRingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var p = default(Libc.io_uring_params);
        p.flags = (uint)options.Flags;
        if (options.CompletionEntries > 0)
        {
            p.flags |= Libc.IORING_SETUP_CQSIZE;
            p.cq_entries = (uint)options.CompletionEntries;
        }

        if ((p.flags & Libc.IORING_SETUP_SQPOLL) != 0)
        {
            p.sq_thread_idle = (uint)Math.Max(1, options.PollingThreadIdle.TotalMilliseconds);
            p.sq_thread_cpu = (uint)options.PollingThreadCpu;
        }

        SyscallTally.Count(SyscallKind.Register);
        var descriptor = Libc.io_uring_setup((uint)options.Entries, &p);
        var handle = FileDescriptorHandle.FromReturn(descriptor, "io_uring_setup");
        MappedRegion? sq = null, cq = null, sqes = null;
        try
        {
            var sqBytes = p.sq_off.array + (p.sq_entries * sizeof(uint));
            var cqBytes = p.cq_off.cqes + (p.cq_entries * (uint)sizeof(Libc.io_uring_cqe));
            if ((p.features & Libc.IORING_FEAT_SINGLE_MMAP) != 0)
            {
                sq = MappedRegion.MapShared(handle, Math.Max(sqBytes, cqBytes), Libc.IORING_OFF_SQ_RING, "IORING_OFF_SQ_RING");
            }
            else
            {
                sq = MappedRegion.MapShared(handle, sqBytes, Libc.IORING_OFF_SQ_RING, "IORING_OFF_SQ_RING");
                cq = MappedRegion.MapShared(handle, cqBytes, Libc.IORING_OFF_CQ_RING, "IORING_OFF_CQ_RING");
            }

            sqes = MappedRegion.MapShared(handle, p.sq_entries * (nuint)sizeof(Libc.io_uring_sqe), Libc.IORING_OFF_SQES, "IORING_OFF_SQES");
            return new IoUringRing(handle, sq, cq, sqes, p);
        }
        catch
        {
            // A half-built ring: unmap what was mapped and close the ring descriptor.
            sqes?.Dispose();
            cq?.Dispose();
            sq?.Dispose();
            handle.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Publishes the prepared entries and enters the kernel once if it must: to submit them, to wake the SQPOLL
    /// thread, to flush overflowed or deferred completions, or to wait until <paramref name="minComplete"/>
    /// completions are ready (up to <paramref name="timeoutMilliseconds"/>; -1 waits for ever). No syscall at
    /// all when nothing needs one (SQPOLL with an awake thread and completions already in the queue).
    /// </summary>
    public void SubmitAndWait(int minComplete, int timeoutMilliseconds = -1)
    {
        Volatile.Write(ref *_sqTail, _sqeTail);
        uint flags = 0;
        uint toSubmit = 0;
        var enter = false;
        if (_polled)
        {
            // A full barrier between publishing the tail and reading NEED_WAKEUP, as the kernel's side expects.
            Interlocked.MemoryBarrier();
            if ((Volatile.Read(ref *_sqFlags) & Libc.IORING_SQ_NEED_WAKEUP) != 0 && Unsubmitted > 0)
            {
                flags |= Libc.IORING_ENTER_SQ_WAKEUP;
                enter = true;
            }
        }
        else
        {
            toSubmit = (uint)Unsubmitted;
            enter = toSubmit > 0;
        }

        var wait = minComplete > 0 && CompletionsReady < minComplete;
        if (wait || (Volatile.Read(ref *_sqFlags) & (Libc.IORING_SQ_CQ_OVERFLOW | Libc.IORING_SQ_TASKRUN)) != 0)
        {
            flags |= Libc.IORING_ENTER_GETEVENTS;
            enter = true;
        }

        if (!enter)
        {
            return;
        }

        Enter(toSubmit, wait ? (uint)minComplete : 0, flags, wait ? timeoutMilliseconds : -1);
    }

    /// <summary>Hands prepared entries to the kernel without waiting (what a full submission queue needs).</summary>
    public void Submit() => SubmitAndWait(0);

    /// <summary>Copies up to <paramref name="completions"/>.Length completions out and frees their queue slots.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Reap(Span<IoUringCompletion> completions)
    {
        var head = *_cqHead;
        var ready = Volatile.Read(ref *_cqTail) - head; // Acquire: the entries are written before the tail moves.
        var count = (int)Math.Min(ready, (uint)completions.Length);
        for (var i = 0; i < count; i++)
        {
            completions[i] = *(IoUringCompletion*)&_cqes[(head + (uint)i) & _cqMask];
        }

        Volatile.Write(ref *_cqHead, head + (uint)count); // Release: the kernel may reuse the slots now.
        return count;
    }

    public void Dispose()
    {
        _sqeRegion.Dispose();
        _cqRegion?.Dispose();
        _sqRegion.Dispose();
        _handle.Dispose();
        _scratch.Dispose();
    }

    private void Enter(uint toSubmit, uint minComplete, uint flags, int timeoutMilliseconds)
    {
        Libc.io_uring_getevents_arg arg = default;
        Libc.__kernel_timespec timeout = default;
        void* argument = null;
        nuint argumentBytes = 0;
        if (timeoutMilliseconds >= 0 && (flags & Libc.IORING_ENTER_GETEVENTS) != 0)
        {
            timeout.tv_sec = timeoutMilliseconds / 1000;
            timeout.tv_nsec = timeoutMilliseconds % 1000 * 1_000_000L;
            arg.ts = (ulong)&timeout;
            argument = &arg;
            argumentBytes = (nuint)sizeof(Libc.io_uring_getevents_arg);
            flags |= Libc.IORING_ENTER_EXT_ARG;
        }

        SyscallTally.Count(minComplete > 0 ? SyscallKind.Wait : SyscallKind.Enter);
        var result = Libc.io_uring_enter(_handle.Descriptor, toSubmit, minComplete, flags, argument, argumentBytes);
        if (result >= 0)
        {
            return;
        }

        var errno = Marshal.GetLastPInvokeError();

        // Interrupted, timed out, or completions must be reaped before more can be submitted: the caller's next
        // reap and call deal with all three.
        if (errno is not (Errno.EINTR or ETIME or Errno.EBUSY or Errno.EAGAIN))
        {
            throw new ErrnoException("io_uring_enter", errno);
        }
    }

    /// <summary>The next free entry, cleared; a full queue is submitted first (SQPOLL: waited on) to make room.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Libc.io_uring_sqe* NextEntry(byte opcode, ulong userData)
    {
        if (_sqeTail - Volatile.Read(ref *_sqHead) >= (uint)SubmissionEntries)
        {
            MakeRoom();
        }

        var sqe = &_sqes[_sqeTail & _sqMask];
        _sqeTail++;
        *sqe = default;
        sqe->opcode = opcode;
        sqe->user_data = userData;
        return sqe;
    }

    private void MakeRoom()
    {
        if (!_polled)
        {
            Submit();
            return;
        }

        Volatile.Write(ref *_sqTail, _sqeTail);
        Interlocked.MemoryBarrier();
        var flags = Libc.IORING_ENTER_SQ_WAIT;
        if ((Volatile.Read(ref *_sqFlags) & Libc.IORING_SQ_NEED_WAKEUP) != 0)
        {
            flags |= Libc.IORING_ENTER_SQ_WAKEUP;
        }

        Enter(0, 0, flags, -1);
    }
}
