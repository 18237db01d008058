namespace AsyncIoTools.Engines.Contract;

/// <summary>One way of running an engine (epoll level- or edge-triggered, io_uring with SQPOLL, …).</summary>
public sealed record EngineVariant(string Name, string Description, Func<EngineAvailability> Probe);
