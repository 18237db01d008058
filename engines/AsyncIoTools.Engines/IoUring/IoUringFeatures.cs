namespace AsyncIoTools.Engines.IoUring;

/// <summary>The io_uring techniques a variant combines; each one is its own code path in the loop.</summary>
[Flags]
internal enum IoUringFeatures
{
    /// <summary>One accept, one receive into the connection's own buffer, one send: a request per operation.</summary>
    None = 0,

    /// <summary>IORING_ACCEPT_MULTISHOT: one accept request for every connection to come.</summary>
    MultishotAccept = 1 << 0,

    /// <summary>IORING_RECV_MULTISHOT with a provided-buffer ring: one receive per connection; buffers only while data is in hand.</summary>
    MultishotReceive = 1 << 1,

    /// <summary>IORING_SETUP_SQPOLL: a kernel thread takes submissions; the loop enters only to wait or to wake it.</summary>
    SubmissionPolling = 1 << 2,

    /// <summary>Connections accepted straight into the fixed-file table (no descriptor), options set through the ring.</summary>
    RegisteredFiles = 1 << 3,

    /// <summary>IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN: completion work runs only when the loop waits.</summary>
    DeferTaskRun = 1 << 4,

    /// <summary>IORING_OP_SEND_ZC: responses sent from their buffer, freed by the notification completion.</summary>
    ZeroCopySend = 1 << 5,

    /// <summary>IORING_SETUP_COOP_TASKRUN | IORING_SETUP_TASKRUN_FLAG: no interrupt to run completion work.</summary>
    CooperativeTaskRun = 1 << 6,

    /// <summary>
    /// Sends that post no completion when they send everything (IOSQE_CQE_SKIP_SUCCESS with MSG_DONTWAIT |
    /// MSG_WAITALL): the enter that submits an answer goes on to wait for the next request, instead of returning at
    /// once with the send's completion and entering again to wait.
    /// </summary>
    QuietSend = 1 << 7,
}
