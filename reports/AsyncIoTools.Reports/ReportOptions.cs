using AsyncIoTools.Reports.Claims;
using AsyncIoTools.Reports.Exporters;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports;

/// <summary>
/// What <c>aiotools report</c> and <c>New-PerformanceReport</c> both bind: inputs as paths or as result objects,
/// the baseline likewise, and how to render. Paths may be files or folders.
/// </summary>
public sealed record ReportOptions
{
    public const string DefaultTitle = "AsyncIoTools benchmark report";

    public IReadOnlyList<string> Paths { get; init; } = [];

    /// <summary>Results handed in as objects (the PowerShell pipeline), reported next to those read from <see cref="Paths"/>.</summary>
    public IReadOnlyList<BenchmarkResult> Results { get; init; } = [];

    public IReadOnlyList<string> BaselinePaths { get; init; } = [];

    public IReadOnlyList<BenchmarkResult> BaselineResults { get; init; } = [];

    /// <summary>BenchmarkDotNet JSON exports (<c>*-report-full.json</c>, <c>*-report-full-compressed.json</c>).</summary>
    public IReadOnlyList<string> BdnJsonPaths { get; init; } = [];

    /// <summary>"epoll" or "epoll:level"; null: epoll where present, else each table's first row.</summary>
    public string? ReferenceEngine { get; init; }

    /// <summary>The markdown file (or a folder for report.md) to write, with charts beside it; null: standard output, no charts.</summary>
    public string? OutputPath { get; init; }

    public string Title { get; init; } = DefaultTitle;

    /// <summary>Unreadable inputs stop the report instead of being skipped with a warning.</summary>
    public bool Strict { get; init; }

    /// <summary>The caller wants a failure when the baseline comparison finds a regression (see <see cref="PerformanceReport.RegressionFailure"/>).</summary>
    public bool FailOnRegression { get; init; }

    /// <summary>Smallest change, in percent, that can count as a regression (the trials' spread can widen it).</summary>
    public double RegressionPercent { get; init; } = 5;

    /// <summary>The command written at the top of the report to regenerate it.</summary>
    public string? RegenerateCommand { get; init; }

    public IReadOnlyList<Claim> Claims { get; init; } = ClaimCatalogue.Default;

    public IReportExporter Exporter { get; init; } = MarkdownExporter.Default;
}
