using System.Net;
using AsyncIoTools.Engines.Protocols;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Engines.Contract;

/// <summary>Everything a server engine needs to start; the CLI and the cmdlets both bind their options into this.</summary>
public sealed record ServerSettings
{
    public string Engine { get; init; } = "epoll";

    /// <summary>The variant's name; null for the engine's default.</summary>
    public string? Variant { get; init; }

    public ProtocolSettings Protocol { get; init; } = ProtocolSettings.Http;

    /// <summary>Where to listen; loopback unless the user asks otherwise. Port 0 picks a free port.</summary>
    public IPEndPoint Endpoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>Number of loop threads; 0 means one per CPU this process may run on.</summary>
    public int Loops { get; init; }

    public AcceptMode Accept { get; init; } = AcceptMode.ReusePort;

    /// <summary>
    /// Set SO_REUSEPORT even with one loop, so that several worker processes can listen on one port (as
    /// nginx's workers do). Off by default: then a port another server holds is refused, as a plain bind would.
    /// </summary>
    public bool SharePort { get; init; }

    /// <summary>listen() backlog; the kernel caps it at net.core.somaxconn.</summary>
    public int Backlog { get; init; } = 65535;

    public SocketTuning Tuning { get; init; } = SocketTuning.Default;

    /// <summary>Timeouts and sizes every connection is held to, and the most connections open at once.</summary>
    public ServerLimits Limits { get; init; } = ServerLimits.Default;

    /// <summary>
    /// File protocol: how file bytes reach the socket. Null: the engine's own (<see cref="EngineDefinition.DefaultTransfer"/>),
    /// which the registry puts here when it makes the engine.
    /// </summary>
    public FileTransfer? Transfer { get; init; }

    /// <summary>
    /// Worker processes, each running the engine on the same port (SO_REUSEPORT), as nginx's workers do: past
    /// one process's descriptor limit, this is how a server holds more connections. 1: just this process.
    /// </summary>
    public int Workers { get; init; } = 1;

    /// <summary>Loops to run: <see cref="Loops"/>, or one per usable CPU.</summary>
    public int EffectiveLoops => Loops > 0 ? Loops : Math.Max(1, Environment.ProcessorCount);
}
