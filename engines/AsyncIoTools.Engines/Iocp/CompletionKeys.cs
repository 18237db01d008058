namespace AsyncIoTools.Engines.Iocp;

/// <summary>
/// What a completion key says about the packet: which kind of handle it came from. The operation itself is
/// recovered from the packet's OVERLAPPED; a packet without one is a posted wake-up.
/// </summary>
internal static class CompletionKeys
{
    /// <summary>The listening socket: the packet completes an AcceptEx.</summary>
    public const ulong Listener = 1;

    /// <summary>An accepted connection: the packet completes a WSARecv or WSASend.</summary>
    public const ulong Connection = 2;

    /// <summary>Posted once nothing is in flight after a stop: each worker passes it on and exits.</summary>
    public const ulong Stop = 3;
}
