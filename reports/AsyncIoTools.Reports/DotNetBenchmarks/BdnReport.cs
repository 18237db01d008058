namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>
/// The part of BenchmarkDotNet's JSON export (<c>JsonExporter</c>: <c>*-report-full.json</c>,
/// <c>*-report-full-compressed.json</c>, <c>*-report-brief.json</c>) that a report shows. Times are nanoseconds.
/// </summary>
public sealed record BdnReport
{
    public string? Title { get; init; }

    public BdnHostEnvironment? HostEnvironmentInfo { get; init; }

    public IReadOnlyList<BdnBenchmark> Benchmarks { get; init; } = [];
}
