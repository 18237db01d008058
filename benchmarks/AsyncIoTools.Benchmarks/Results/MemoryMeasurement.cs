namespace AsyncIoTools.Benchmarks.Results;

/// <summary>
/// Server memory before and after the connections were opened, and the growth per connection; the kernel's TCP
/// socket memory (/proc/net/sockstat, both ends of every loopback connection) likewise.
/// </summary>
public sealed record MemoryMeasurement(
    long IdleRssBytes,
    long ConnectedRssBytes,
    long PeakRssBytes,
    double? RssBytesPerConnection,
    long? KernelTcpBytesIdle = null,
    long? KernelTcpBytesConnected = null,
    double? KernelBytesPerConnection = null);
