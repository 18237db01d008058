using System.Management.Automation;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Completion;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.Reports;
using AsyncIoTools.Results;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary>
/// <c>New-PerformanceReport</c> (<c>aiotools report</c>): markdown comparison tables, sweep charts, the seeds' claims
/// and baseline changes, from result objects on the pipeline (Invoke-C10kBenchmark, Import-BenchmarkResult) or files.
/// </summary>
[Cmdlet(VerbsCommon.New, "PerformanceReport", DefaultParameterSetName = ParameterSets.Path)]
[OutputType(typeof(PerformanceReport))]
public sealed class NewPerformanceReportCommand : AsyncIoToolsCmdlet
{
    private readonly List<string> _paths = [];
    private readonly List<BenchmarkResult> _results = [];

    /// <summary>Result files or folders of them, wildcards allowed.</summary>
    [Parameter(Position = 0, ParameterSetName = ParameterSets.Path)]
    [SupportsWildcards]
    public string[] Path { get; set; } = [];

    /// <summary>Result files or folders taken literally (Get-ChildItem output binds here).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.LiteralPath, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    public string[] LiteralPath { get; set; } = [];

    /// <summary>Results from Import-BenchmarkResult, or the points Invoke-C10kBenchmark writes (each converts to its result).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.InputObject, ValueFromPipeline = true)]
    public BenchmarkResult[] InputObject { get; set; } = [];

    /// <summary>Result files or folders to compare against: each metric's change, regressions flagged.</summary>
    [Parameter]
    public string[] Baseline { get; set; } = [];

    /// <summary>Engine (or ENGINE:VARIANT) that ratios are taken against. Default: epoll.</summary>
    [Parameter]
    [ArgumentCompleter(typeof(EngineSelectionCompleter))]
    public string? ReferenceEngine { get; set; }

    /// <summary>Markdown file (or folder for report.md) to write, charts beside it; without it nothing is written and the markdown is in the result's Markdown property.</summary>
    [Parameter]
    [Alias("Out")]
    public string? OutputPath { get; set; }

    [Parameter]
    public string Title { get; set; } = ReportSettings.Defaults.Title;

    /// <summary>A corrupt, truncated or unknown-version input is an error, not a warning.</summary>
    [Parameter]
    public SwitchParameter Strict { get; set; }

    /// <summary>Write a ThresholdExceeded error when the baseline comparison finds a regression (for CI).</summary>
    [Parameter]
    public SwitchParameter FailOnRegression { get; set; }

    /// <summary>Smallest change, in percent, that counts as a regression.</summary>
    [Parameter]
    [ValidateRange(0.0, ReportSettings.MaxRegressionPercent)]
    public double Threshold { get; set; } = ReportSettings.Defaults.RegressionPercent;

    /// <summary>BenchmarkDotNet JSON exports to add as micro-benchmark tables.</summary>
    [Parameter]
    public string[] BdnJson { get; set; } = [];

    /// <summary>The command written at the top of the report to regenerate it. Default: this command line.</summary>
    [Parameter]
    public string? RegenerateCommand { get; set; }

    protected override void ProcessRecord()
    {
        switch (ParameterSetName)
        {
            case ParameterSets.InputObject:
                // The points of one benchmark share its result: it is reported once.
                _results.AddRange(InputObject.Where(r => !_results.Contains(r, ReferenceEqualityComparer.Instance)));
                break;
            case ParameterSets.LiteralPath:
                _paths.AddRange(LiteralPath.SelectMany(p => ResolvePaths(p, literal: true)));
                break;
            default:
                _paths.AddRange(Path.SelectMany(p => ResolvePaths(p, literal: false)));
                break;
        }
    }

    protected override void EndProcessing()
    {
        var options = new ReportOptions
        {
            Paths = _paths,
            Results = _results,
            BaselinePaths = Baseline.SelectMany(p => ResolvePaths(p, literal: false)).ToArray(),
            BdnJsonPaths = BdnJson.SelectMany(p => ResolvePaths(p, literal: false)).ToArray(),
            ReferenceEngine = ReferenceEngine,
            OutputPath = OutputPath is { } output ? FileSystemPath(output) : null,
            Title = Title,
            Strict = Strict,
            FailOnRegression = FailOnRegression,
            RegressionPercent = Threshold,
            RegenerateCommand = RegenerateCommand ?? MyInvocation.Line,
        };
        var report = Run((_, _) => Task.FromResult(PerformanceReports.Create(options)), OutputPath, out var made);
        if (!made || report is null)
        {
            return;
        }

        foreach (var warning in report.Warnings)
        {
            WriteWarning(warning);
        }

        WriteObject(report);
        if (report.RegressionFailure(options) is { } regression)
        {
            Fail(regression, report);
        }
    }
}
