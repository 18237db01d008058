using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>How an overlapped call began.</summary>
internal enum OverlappedStatus
{
    /// <summary>In flight: its completion will be dequeued from the port, maybe on another thread already.</summary>
    Pending,

    /// <summary>Done at once and no completion packet will follow (skip-on-success mode): handle it inline.</summary>
    Completed,

    /// <summary>Refused at once; no completion packet will follow.</summary>
    Failed,
}
