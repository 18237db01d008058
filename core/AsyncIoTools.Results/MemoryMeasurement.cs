namespace AsyncIoTools.Results;

/// <summary>
/// Server memory before and after the connections were opened, and the growth per connection; the kernel's socket
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
    double? KernelBytesPerConnection = null);
