namespace AsyncIoTools.Engines.Contract;

/// <summary>The kinds of system call the counters tell apart. Every wrapper in this folder counts its calls.</summary>
public enum SyscallKind
{
    /// <summary>
    /// select, poll, epoll_wait, GetQueuedCompletionStatusEx, and io_uring_enter when it waits for completions
    /// (GETEVENTS with min_complete ≥ 1): waiting for events.
    /// </summary>
    Wait,

    /// <summary>accept4, AcceptEx.</summary>
    Accept,

    /// <summary>read, recv, readv, WSARecv.</summary>
    Read,

    /// <summary>write, send, writev, WSASend.</summary>
    Write,

    /// <summary>epoll_ctl, and registering interest in any other demultiplexer that needs a call.</summary>
    Control,

    /// <summary>io_uring_enter that does not wait: submits, flushes completions or wakes the SQPOLL thread.</summary>
    Enter,

    /// <summary>io_uring_register, io_uring_setup.</summary>
    Register,

    /// <summary>socket, bind, listen, connect, shutdown.</summary>
    Socket,

    /// <summary>setsockopt, getsockopt, fcntl, getsockname.</summary>
    Option,

    /// <summary>close.</summary>
    Close,

    /// <summary>sendfile, splice, pipe2, open.</summary>
    File,

    /// <summary>Anything else (eventfd, rlimits, affinity, mmap).</summary>
    Other,
}
