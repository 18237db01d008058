namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>One benchmark case: a method with one set of parameters. Statistics are absent when it failed.</summary>
public sealed record BdnBenchmark
{
    public string? DisplayInfo { get; init; }

    public string? Namespace { get; init; }

    public string? Type { get; init; }

    public string? Method { get; init; }

    public string? MethodTitle { get; init; }

    /// <summary>"Size=10, Mode=Edge", as BenchmarkDotNet prints them; empty without parameters.</summary>
    public string? Parameters { get; init; }

    public string? FullName { get; init; }

    public BdnStatistics? Statistics { get; init; }

    /// <summary>Present when the MemoryDiagnoser ran.</summary>
    public BdnMemory? Memory { get; init; }
}
