namespace AsyncIoTools.Engines.Contract;

/// <summary>
/// What a server allows one client, each default in this one place and close to Kestrel's (KestrelServerLimits);
/// nginx's, where they differ, are named beside them. The CLI, the cmdlets and scenario files all bind into this.
/// </summary>
public sealed record ServerLimits
{
    public static ServerLimits Default { get; } = new();

    /// <summary>
    /// Time to receive a whole request head, counted from the connection's accept for its first request and from
    /// the head's first byte for later ones; a head not complete by then is closed (slowloris). Kestrel's
    /// RequestHeadersTimeout is 30 s; nginx's client_header_timeout 60 s.
    /// </summary>
    public TimeSpan HeadTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// An idle connection between requests is closed after this; so is a response that makes no progress for as
    /// long (nginx's send_timeout). Kestrel's KeepAliveTimeout is 130 s; nginx's keepalive_timeout 75 s.
    /// </summary>
    public TimeSpan KeepAliveTimeout { get; init; } = TimeSpan.FromSeconds(130);

    /// <summary>
    /// Bytes per second a request body must arrive at, averaged from its start, once <see cref="MinReceiveRateGrace"/>
    /// has passed; 0 turns the check off (a body then has the keep-alive timeout between reads). Kestrel's
    /// MinRequestBodyDataRate: 240 bytes/s after a 5 s grace.
    /// </summary>
    public int MinReceiveRate { get; init; } = 240;

    public TimeSpan MinReceiveRateGrace { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Connections open at once; one more is accepted and closed at once, and counted. 0: no limit (Kestrel's default).</summary>
    public int MaxConnections { get; init; }

    /// <summary>The largest request head; a larger one is answered 431 and the connection closed (nginx: 4 × 8 KiB buffers).</summary>
    public int MaxHeadBytes { get; init; } = 8192;

    /// <summary>The largest request body; a larger Content-Length is answered 413 and the connection closed. Kestrel: 30,000,000.</summary>
    public long MaxBodyBytes { get; init; } = 30_000_000;

    /// <summary>The first limit out of range, as "name: what is wrong (got value)", or null: the checks every face shares.</summary>
    public string? FindProblem()
    {
        if (HeadTimeout <= TimeSpan.Zero || KeepAliveTimeout <= TimeSpan.Zero)
        {
            return $"head and keep-alive timeouts must be positive (got {HeadTimeout.TotalSeconds} s and {KeepAliveTimeout.TotalSeconds} s)";
        }

        if (HeadTimeout > TimeSpan.FromDays(1) || KeepAliveTimeout > TimeSpan.FromDays(1) || MinReceiveRateGrace > TimeSpan.FromDays(1))
        {
            return "timeouts are at most one day";
        }

        if (MinReceiveRate < 0 || MinReceiveRateGrace < TimeSpan.Zero)
        {
            return $"the minimum receive rate and its grace must not be negative (got {MinReceiveRate} bytes/s and {MinReceiveRateGrace.TotalSeconds} s)";
        }

        if (MaxConnections < 0)
        {
            return $"max connections must not be negative (got {MaxConnections})";
        }

        if (MaxHeadBytes is < 64 or > 1 << 20)
        {
            return $"max head bytes must be 64 to 1 MiB (got {MaxHeadBytes})";
        }

        return MaxBodyBytes < 0 ? $"max body bytes must not be negative (got {MaxBodyBytes})" : null;
    }
}
