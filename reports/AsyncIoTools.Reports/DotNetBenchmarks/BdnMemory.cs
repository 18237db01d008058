namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>The MemoryDiagnoser's figures: collections are totals over <see cref="TotalOperations"/>.</summary>
public sealed record BdnMemory
{
    public long Gen0Collections { get; init; }

    public long Gen1Collections { get; init; }

    public long Gen2Collections { get; init; }

    public long TotalOperations { get; init; }

    public long? BytesAllocatedPerOperation { get; init; }

    /// <summary>Gen0 collections per 1,000 operations, BenchmarkDotNet's "Gen0" column.</summary>
    public double Gen0PerThousand => TotalOperations > 0 ? Gen0Collections * 1000.0 / TotalOperations : 0;
}
