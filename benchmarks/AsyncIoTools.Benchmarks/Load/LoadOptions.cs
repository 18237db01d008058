using System.Net;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>What the load generator does; the CLI's <c>load</c> and the runner both bind into this. Its settings: <see cref="LoadSettings"/>.</summary>
public sealed record LoadOptions
{
    public required IPEndPoint Target { get; init; }

    /// <summary>Connections opened and held open.</summary>
    public int Connections { get; init; } = 100;

    /// <summary>How many of them send requests; the rest stay open and idle. Null: all.</summary>
    public int? Active { get; init; }

    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Load applied before measuring (JIT, caches, TCP windows).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Constant rate in requests per second over all active connections, each sending on its own schedule;
    /// latency then counts from each request's intended start (coordinated omission corrected). Null: closed loop.
    /// </summary>
    public double? Rate { get; init; }

    public ProtocolKind Protocol { get; init; } = ProtocolKind.Http;

    /// <summary>Echo: bytes per message.</summary>
    public int MessageBytes { get; init; } = 64;

    /// <summary>Requests in flight per active connection (HTTP pipelining).</summary>
    public int Pipeline { get; init; } = 1;

    /// <summary>Requests per connection before it closes and reconnects; 0 keeps connections open (keep-alive).</summary>
    public int RequestsPerConnection { get; init; }

    /// <summary>Worker threads; 0: one per CPU this process may use, at most one per 16 connections.</summary>
    public int Threads { get; init; }

    /// <summary>Local addresses to connect from, in turn; null: automatic (several 127.0.0.x past one address's ports).</summary>
    public IReadOnlyList<IPAddress>? SourceAddresses { get; init; }

    /// <summary>A request not answered within this is a timeout error; its connection is reopened.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Connects in flight at once per thread while ramping up.</summary>
    public int ConnectConcurrency { get; init; } = 256;

    /// <summary>TCP_NODELAY on the client sockets.</summary>
    public bool NoDelay { get; init; }

    /// <summary>TCP_FASTOPEN_CONNECT: the first request rides on the SYN (needs net.ipv4.tcp_fastopen &amp; 1).</summary>
    public bool FastOpen { get; init; }

    public string Path { get; init; } = "/";

    /// <summary>The length of one interval of the interval log (.hlog); a measuring window is cut into these.</summary>
    public TimeSpan LogInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int EffectiveActive => Math.Min(Active ?? Connections, Connections);
}
