namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>BenchmarkDotNet's <c>HostEnvironmentInfo</c> as its JSON exporter writes it.</summary>
public sealed record BdnHostEnvironment
{
    public string? BenchmarkDotNetVersion { get; init; }

    public string? OsVersion { get; init; }

    public string? ProcessorName { get; init; }

    public int? LogicalCoreCount { get; init; }

    public string? RuntimeVersion { get; init; }

    public string? Architecture { get; init; }

    public string? Configuration { get; init; }
}
