using AsyncIoTools.Reports.DotNetBenchmarks;

namespace AsyncIoTools.Reports.Inputs;

/// <summary>What could be read, and one warning line for each input that could not.</summary>
public sealed record LoadedInputs(IReadOnlyList<ReportSource> Results, IReadOnlyList<BdnSource> Micro, IReadOnlyList<string> Warnings)
{
    /// <summary>Load reports (<c>aiotools load --json</c>), from one or several load hosts.</summary>
    public IReadOnlyList<LoadSource> Loads { get; init; } = [];
}
