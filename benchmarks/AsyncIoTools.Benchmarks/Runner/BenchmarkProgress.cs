namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>Where a benchmark is: which engine, which phase, which trial.</summary>
public sealed record BenchmarkProgress(string Engine, BenchmarkPhase Phase, int Trial, int Trials, string? Detail = null);
