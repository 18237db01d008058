namespace AsyncIoTools.Benchmarks.Results;

/// <summary>Server memory before and after the connections were opened, and the growth per connection.</summary>
public sealed record MemoryMeasurement(long IdleRssBytes, long ConnectedRssBytes, long PeakRssBytes, double? RssBytesPerConnection);
