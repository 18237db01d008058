namespace AsyncIoTools.Results;

/// <summary>
/// Server memory before and after the connections were opened (RSS, and PSS where the server has worker processes
/// sharing pages), and the growth per connection; the kernel's socket
/// memory likewise — TCP buffers (/proc/net/sockstat) and socket objects (/proc/slabinfo), both ends of every
/// loopback connection.
/// </summary>
public sealed record MemoryMeasurement(
    long IdleRssBytes,
    long ConnectedRssBytes,
    long PeakRssBytes,
    double? RssBytesPerConnection,
    long? KernelTcpBytesIdle = null,
    long? KernelTcpBytesConnected = null,
    double? KernelBytesPerConnection = null)
{
    /// <summary>
    /// The server's proportional set size before connections (its workers' shared runtime and assembly pages counted
    /// once, not once per worker as in <see cref="IdleRssBytes"/>); null where /proc has no smaps_rollup.
    /// </summary>
    public long? IdlePssBytes { get; init; }

    public long? ConnectedPssBytes { get; init; }

    public double? PssBytesPerConnection { get; init; }
}
