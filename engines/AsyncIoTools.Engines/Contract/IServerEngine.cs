using System.Net;

namespace AsyncIoTools.Engines.Contract;

/// <summary>
/// A server engine: one way of waiting for and doing socket I/O (select, epoll, io_uring, IOCP, threads, …)
/// that serves any <see cref="Protocols.ServerProtocol"/>. Every engine keeps the same counters.
/// </summary>
public interface IServerEngine : IAsyncDisposable
{
    string Name { get; }

    string Variant { get; }

    /// <summary>The bound address; valid once <see cref="Start"/> has returned.</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>Binds, listens and starts the loops; returns when connections can be accepted.</summary>
    void Start();

    /// <summary>Stops accepting, closes every connection and waits for the loops to end.</summary>
    Task StopAsync();

    /// <summary>Completes when the engine has stopped; faults if a loop died (the exception says why).</summary>
    Task Completion { get; }

    /// <summary>A consistent-enough snapshot of the counters, safe to take from any thread while running.</summary>
    EngineCounters ReadCounters();
}
