namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>BenchmarkDotNet's statistics of one case, in nanoseconds per operation.</summary>
public sealed record BdnStatistics
{
    public int N { get; init; }

    public double Min { get; init; }

    public double Median { get; init; }

    public double Mean { get; init; }

    public double Max { get; init; }

    public double StandardError { get; init; }

    public double StandardDeviation { get; init; }

    public BdnConfidenceInterval? ConfidenceInterval { get; init; }
}
