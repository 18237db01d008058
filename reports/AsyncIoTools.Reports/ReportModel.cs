using AsyncIoTools.Reports.Baselines;
using AsyncIoTools.Reports.Claims;
using AsyncIoTools.Reports.DotNetBenchmarks;
using AsyncIoTools.Reports.Inputs;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports;

/// <summary>Everything a report shows, computed once; exporters only render it.</summary>
public sealed record ReportModel
{
    public required string Title { get; init; }

    /// <summary>The one command that regenerates the report, written at its top.</summary>
    public string? RegenerateCommand { get; init; }

    public IReadOnlyList<ReportSource> Sources { get; init; } = [];

    public IReadOnlyList<ScenarioGroup> Scenarios { get; init; } = [];

    /// <summary>The engine ratios are taken against; null: epoll where present, else each table's first row.</summary>
    public string? ReferenceEngine { get; init; }

    public IReadOnlyList<ClaimResult> Claims { get; init; } = [];

    public BaselineComparison? Baseline { get; init; }

    public IReadOnlyList<BdnSource> Micro { get; init; } = [];

    /// <summary>Load runs: load reports of one target from one or several hosts, merged exactly.</summary>
    public IReadOnlyList<LoadRunGroup> LoadRuns { get; init; } = [];

    /// <summary>Inputs skipped, rows measured twice: one line each.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
