namespace AsyncIoTools.Engines.Contract;

/// <summary>Per-connection socket options the server sets on every accepted connection.</summary>
public sealed record SocketTuning
{
    public static SocketTuning Default { get; } = new();

    /// <summary>TCP_NODELAY on accepted sockets (Nagle off). On by default, as in nginx for keep-alive.</summary>
    public bool NoDelay { get; init; } = true;

    /// <summary>TCP_CORK around each response's writes, so a head and body written apart leave as full segments.</summary>
    public bool Cork { get; init; }

    /// <summary>SO_SNDBUF in bytes; null leaves the kernel's autotuning alone.</summary>
    public int? SendBufferBytes { get; init; }

    /// <summary>SO_RCVBUF in bytes; null leaves the kernel's autotuning alone.</summary>
    public int? ReceiveBufferBytes { get; init; }

    /// <summary>SO_KEEPALIVE with this idle time in seconds; null leaves keepalive off.</summary>
    public int? KeepAliveIdleSeconds { get; init; }

    /// <summary>TCP_FASTOPEN queue length on the listener; null leaves Fast Open off.</summary>
    public int? FastOpenQueueLength { get; init; }

    /// <summary>
    /// TCP congestion control by name (TCP_CONGESTION: cubic, reno, bbr…) on the listener, which every accepted
    /// connection inherits; null keeps net.ipv4.tcp_congestion_control. A file scenario names one so that its
    /// figures do not depend on the machine's default (BBR paces loopback bulk transfers by its own estimate).
    /// </summary>
    public string? CongestionControl { get; init; }

    /// <summary>The first tuning value no kernel could take, or null; whether this kernel has the control is its answer to setsockopt.</summary>
    public string? FindProblem() =>
        CongestionControl is { } name && !Sockets.CongestionControls.IsWellFormed(name)
            ? $"a congestion control is named by 1 to {Sockets.CongestionControls.MaxLength} letters, digits or '_' (got '{name}')"
            : null;

    /// <summary>The options to set on each accepted connection, in order, for engines that set them by other means than setsockopt.</summary>
    internal IReadOnlyList<(Interop.SocketOption Option, int Value)> ConnectionOptions()
    {
        var options = new List<(Interop.SocketOption, int)>();
        if (NoDelay)
        {
            options.Add((Interop.SocketOption.NoDelay, 1));
        }

        if (SendBufferBytes is { } send)
        {
            options.Add((Interop.SocketOption.SendBufferSize, send));
        }

        if (ReceiveBufferBytes is { } receive)
        {
            options.Add((Interop.SocketOption.ReceiveBufferSize, receive));
        }

        if (KeepAliveIdleSeconds is { } idle)
        {
            options.Add((Interop.SocketOption.KeepAlive, 1));
            options.Add((Interop.SocketOption.KeepAliveIdleSeconds, idle));
        }

        return options;
    }
}
