namespace AsyncIoTools.Engines.Contract;

/// <summary>Connections closed (or refused) for each limit, one figure per <see cref="LimitReason"/>.</summary>
public sealed record LimitCloses(
    long HeadTimeout,
    long KeepAliveTimeout,
    long MinReceiveRate,
    long MaxConnections,
    long HeadTooLarge,
    long BodyTooLarge,
    long LingerTimeout)
{
    public static LimitCloses None { get; } = From(new long[Count]);

    /// <summary>How many reasons there are, for arrays indexed by <see cref="LimitReason"/>.</summary>
    public const int Count = (int)LimitReason.LingerTimeout + 1;

    public long Total => HeadTimeout + KeepAliveTimeout + MinReceiveRate + MaxConnections + HeadTooLarge + BodyTooLarge + LingerTimeout;

    public long Of(LimitReason reason) => ToArray()[(int)reason];

    public static LimitCloses From(ReadOnlySpan<long> counts) =>
        counts.Length == Count
            ? new(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5], counts[6])
            : throw new ArgumentException($"expected {Count} counts, got {counts.Length}", nameof(counts));

    public long[] ToArray() => [HeadTimeout, KeepAliveTimeout, MinReceiveRate, MaxConnections, HeadTooLarge, BodyTooLarge, LingerTimeout];

    public LimitCloses Since(LimitCloses earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        var now = ToArray();
        var then = earlier.ToArray();
        for (var i = 0; i < now.Length; i++)
        {
            now[i] -= then[i];
        }

        return From(now);
    }

    public LimitCloses Plus(LimitCloses other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var sum = ToArray();
        var more = other.ToArray();
        for (var i = 0; i < sum.Length; i++)
        {
            sum[i] += more[i];
        }

        return From(sum);
    }
}
