namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>A BenchmarkDotNet export and the file it came from.</summary>
public sealed record BdnSource(BdnReport Report, string Origin);
