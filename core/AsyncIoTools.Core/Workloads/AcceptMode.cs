namespace AsyncIoTools.Workloads;

/// <summary>How connections reach the loops.</summary>
public enum AcceptMode
{
    /// <summary>Each loop has its own listening socket on the same port (SO_REUSEPORT); the kernel spreads connections.</summary>
    ReusePort,

    /// <summary>One listening socket; the first loop accepts and hands connections to the loops in turn.</summary>
    SingleAcceptor,
}
