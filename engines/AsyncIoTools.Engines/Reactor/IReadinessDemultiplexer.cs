using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Engines.EventLoop;

namespace AsyncIoTools.Engines.Reactor;

/// <summary>
/// The part of a reactor that differs between select, poll and epoll: keeping interest in descriptors and
/// waiting until some are ready. Tokens come back in <see cref="ReadyEvent.Token"/> as they were registered.
/// </summary>
internal interface IReadinessDemultiplexer : IDisposable
{
    /// <summary>True if readiness is reported once per arrival (epoll's EPOLLET): the loop must accept until EAGAIN and read until a short read.</summary>
    bool EdgeTriggered { get; }

    /// <summary>Registers a socket; false if this demultiplexer cannot hold it (select past FD_SETSIZE).</summary>
    bool TryAdd(NativeSocket socket, IoEvents interest, ulong token);

    void AddSignal(EventSignal signal, ulong token);

    void Modify(NativeSocket socket, IoEvents interest, ulong token);

    /// <summary>Forgets a socket that is about to be closed.</summary>
    void Remove(NativeSocket socket, ulong token);

    /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> (-1: for ever); returns how many events it filled.</summary>
    int Wait(Span<ReadyEvent> ready, int timeoutMilliseconds);
}
