using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Protocols;

namespace AsyncIoTools.Engines.Connections;

/// <summary>
/// What every connection of one server obeys, made once per server and shared by its loops and flows: the protocol
/// (which, for files, holds the root open until this is disposed), the limits in the milliseconds the machines
/// count in, and the accept policy.
/// </summary>
internal sealed class ServerRules : IDisposable
{
    public ServerRules(ServerSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Limits = settings.Limits;
        Protocol = settings.Protocol.CreateProtocol(Limits);
        HeadTimeoutMilliseconds = (long)Limits.HeadTimeout.TotalMilliseconds;
        KeepAliveMilliseconds = (long)Limits.KeepAliveTimeout.TotalMilliseconds;
        MinReceiveRate = Limits.MinReceiveRate;
        GraceMilliseconds = (long)Limits.MinReceiveRateGrace.TotalMilliseconds;
        Accept = new AcceptPolicy(settings.Backlog, Limits.MaxConnections);
    }

    public ServerProtocol Protocol { get; }

    public ServerLimits Limits { get; }

    public AcceptPolicy Accept { get; }

    public long HeadTimeoutMilliseconds { get; }

    public long KeepAliveMilliseconds { get; }

    /// <summary>Bytes per second; 0: off.</summary>
    public int MinReceiveRate { get; }

    public long GraceMilliseconds { get; }

    public void Dispose() => (Protocol as IDisposable)?.Dispose();
}
