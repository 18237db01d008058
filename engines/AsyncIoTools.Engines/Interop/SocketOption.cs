using AsyncIoTools.Engines.Sockets;
namespace AsyncIoTools.Engines.Interop;

/// <summary>The socket options the engines, scenarios and load generator set.</summary>
internal enum SocketOption
{
    ReuseAddress,
    ReusePort,

    /// <summary>TCP_NODELAY: 1 turns Nagle's algorithm off.</summary>
    NoDelay,

    /// <summary>TCP_CORK: 1 holds partial segments until uncorked.</summary>
    Cork,
    SendBufferSize,
    ReceiveBufferSize,
    KeepAlive,
    KeepAliveIdleSeconds,
    KeepAliveIntervalSeconds,
    KeepAliveProbes,

    /// <summary>TCP_FASTOPEN on a listener: the length of its pending Fast Open queue (0 turns it off).</summary>
    FastOpenQueueLength,

    /// <summary>TCP_FASTOPEN_CONNECT on a client: connect() returns at once and the first write carries the SYN.</summary>
    FastOpenConnect,

    /// <summary>IP_BIND_ADDRESS_NO_PORT: bind a source address but pick the port at connect, per destination.</summary>
    BindAddressNoPort,
    QuickAck,

    /// <summary>SO_ZEROCOPY: allow MSG_ZEROCOPY sends.</summary>
    ZeroCopy,

    /// <summary>SO_ERROR (read only): the pending error of a non-blocking connect.</summary>
    PendingError,
}
