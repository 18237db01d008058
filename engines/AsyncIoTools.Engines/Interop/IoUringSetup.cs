using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>io_uring_setup flags this project uses (IORING_SETUP_*), with .NET names.</summary>
[Flags]
#pragma warning disable CA1028 // The kernel's flags are a 32-bit unsigned word.
internal enum IoUringSetup : uint
#pragma warning restore CA1028
{
    None = 0,

    /// <summary>IORING_SETUP_SQPOLL: a kernel thread polls the submission queue; submitting needs no syscall.</summary>
    SubmissionQueuePolling = Libc.IORING_SETUP_SQPOLL,

    /// <summary>IORING_SETUP_SQ_AFF: pin the polling thread to <see cref="IoUringRingOptions.PollingThreadCpu"/>.</summary>
    PollingThreadAffinity = Libc.IORING_SETUP_SQ_AFF,

    /// <summary>IORING_SETUP_SUBMIT_ALL: keep submitting the batch when one entry fails to prepare.</summary>
    SubmitAll = Libc.IORING_SETUP_SUBMIT_ALL,

    /// <summary>IORING_SETUP_COOP_TASKRUN: run completion work when the task enters the kernel, not by interrupting it.</summary>
    CooperativeTaskRun = Libc.IORING_SETUP_COOP_TASKRUN,

    /// <summary>IORING_SETUP_TASKRUN_FLAG: flag pending completion work in the SQ ring, so a loop knows to enter.</summary>
    TaskRunFlag = Libc.IORING_SETUP_TASKRUN_FLAG,

    /// <summary>IORING_SETUP_SINGLE_ISSUER: only the thread that made the ring submits to it.</summary>
    SingleIssuer = Libc.IORING_SETUP_SINGLE_ISSUER,

    /// <summary>IORING_SETUP_DEFER_TASKRUN: completion work waits until the issuer asks for completions.</summary>
    DeferTaskRun = Libc.IORING_SETUP_DEFER_TASKRUN,
}
