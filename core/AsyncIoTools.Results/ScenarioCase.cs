using AsyncIoTools.Workloads;

namespace AsyncIoTools.Results;

/// <summary>
/// One set of settings a scenario compares with others (Nagle on or off, a transfer method, a buffer size…).
/// Unset values keep the defaults. Server settings apply to accepted sockets; client ones to the load generator.
/// </summary>
public sealed record ScenarioCase
{
    public required string Name { get; init; }

    public string? Description { get; init; }

    /// <summary>Only these engines run this case (e.g. a transfer only io_uring has); null: all of the scenario's.</summary>
    public IReadOnlyList<string>? Engines { get; init; }

    public bool? NoDelay { get; init; }

    public bool? Cork { get; init; }

    public bool? SplitWrites { get; init; }

    public int? SendBufferBytes { get; init; }

    public int? ReceiveBufferBytes { get; init; }

    public int? KeepAliveIdleSeconds { get; init; }

    public bool? FastOpen { get; init; }

    /// <summary>The server's TCP congestion control (cubic, reno, bbr…); null keeps the machine's default.</summary>
    public string? CongestionControl { get; init; }

    public AcceptMode? Accept { get; init; }

    public FileTransfer? Transfer { get; init; }

    public int? ServerLoops { get; init; }

    public bool? ClientNoDelay { get; init; }

    public bool? ClientFastOpen { get; init; }

    /// <summary>
    /// Slow clients opened beside the load (slowloris): each sends part of a request head, then one byte every
    /// <see cref="SlowClientIntervalSeconds"/>, and opens another connection when the server closes it.
    /// </summary>
    public int? SlowClients { get; init; }

    public double? SlowClientIntervalSeconds { get; init; }

    public static ScenarioCase Default { get; } = new() { Name = "default" };
}
