namespace AsyncIoTools.Engines.Contract;

/// <summary>Why a connection was closed (or refused) for a limit; <see cref="LimitCloses"/> counts each.</summary>
public enum LimitReason
{
    /// <summary>The request head was not complete within <see cref="ServerLimits.HeadTimeout"/>.</summary>
    HeadTimeout,

    /// <summary>Idle between requests, or a response stalled, for <see cref="ServerLimits.KeepAliveTimeout"/>.</summary>
    KeepAliveTimeout,

    /// <summary>A request body arrived slower than <see cref="ServerLimits.MinReceiveRate"/>.</summary>
    MinReceiveRate,

    /// <summary>Accepted past <see cref="ServerLimits.MaxConnections"/> and closed at once.</summary>
    MaxConnections,

    /// <summary>Answered 431: the head was larger than <see cref="ServerLimits.MaxHeadBytes"/>.</summary>
    HeadTooLarge,

    /// <summary>Answered 413: the body was larger than <see cref="ServerLimits.MaxBodyBytes"/>.</summary>
    BodyTooLarge,

    /// <summary>After an error answer the peer neither closed nor stopped sending within the lingering time.</summary>
    LingerTimeout,
}
