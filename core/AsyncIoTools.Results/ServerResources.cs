
namespace AsyncIoTools.Results;

/// <summary>
/// The server's kernel objects (sockets, pipes, epoll and io_uring instances: every descriptor that is not a file)
/// and threads before the load connected and after it has gone: a server that leaks holds more after. Both are the
/// whole server's (its workers included), from /proc; the engine's threads are those outside the runtime's pool
/// (loops, connection threads), counted by a single-process server itself — the pool grows with load and idles out
/// on its own, so only the rest can say "leak". The baseline is taken once the server has answered one request, so
/// that what the runtime opens or starts at its first request is in it.
/// </summary>
public sealed record ServerResources(
    int KernelObjectsIdle,
    int KernelObjectsAfter,
    int ThreadsIdle,
    int ThreadsAfter,
    int? EngineThreadsIdle,
    int? EngineThreadsAfter,
    long ConnectionsOpenAfter)
{
    /// <summary>Engine threads the runtime may add on its own between the two counts (tiered compilation's worker).</summary>
    public const int RuntimeThreadSlack = 1;

    /// <summary>What a run's warnings say when the server did not come back to where it was; null when it did.</summary>
    public string? Leak =>
        KernelObjectsAfter > KernelObjectsIdle ? $"the server holds {KernelObjectsAfter} sockets, pipes and the like after the load left, {KernelObjectsIdle} before it came"
        : EngineThreadsAfter > EngineThreadsIdle + RuntimeThreadSlack ? $"the server runs {EngineThreadsAfter} threads outside its pool after the load left, {EngineThreadsIdle} before it came"
        : ConnectionsOpenAfter > 0 ? $"{ConnectionsOpenAfter} connections were still open on the server after the load left"
        : null;
}
