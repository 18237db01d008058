namespace AsyncIoTools.Results;

/// <summary>
/// Connections a server closed (or refused) for each of its limits during a trial, as result files hold them: the
/// contract's own record, so a result file does not change shape when the engines' counters do.
/// </summary>
public sealed record LimitCloseCounts(
    long HeadTimeout,
    long KeepAliveTimeout,
    long MinReceiveRate,
    long MaxConnections,
    long HeadTooLarge,
    long BodyTooLarge,
    long LingerTimeout)
{
    public long Total => HeadTimeout + KeepAliveTimeout + MinReceiveRate + MaxConnections + HeadTooLarge + BodyTooLarge + LingerTimeout;
}
