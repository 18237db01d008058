using AsyncIoTools.Failures;
using AsyncIoTools.Settings;

namespace AsyncIoTools.Reports;

/// <summary>The settings of <c>report</c> (<c>New-PerformanceReport</c>): defaults and bounds.</summary>
public static class ReportSettings
{
    /// <summary>The largest regression threshold: past ten times the old value, nothing counts as a regression anyway.</summary>
    public const double MaxRegressionPercent = 1000;

    public static ReportOptions Defaults { get; } = new();

    public static SettingTable<ReportOptions> Table { get; } = new(
        Defaults,
        [
            new(Setting.Baseline, nameof(ReportOptions.BaselinePaths), o => o.BaselinePaths),
            new(Setting.ReferenceEngine, nameof(ReportOptions.ReferenceEngine), o => o.ReferenceEngine),
            new(Setting.Out, nameof(ReportOptions.OutputPath), o => o.OutputPath),
            new(Setting.Title, nameof(ReportOptions.Title), o => o.Title),
            new(Setting.Strict, nameof(ReportOptions.Strict), o => o.Strict),
            new(Setting.FailOnRegression, nameof(ReportOptions.FailOnRegression), o => o.FailOnRegression),
            new(Setting.Threshold, nameof(ReportOptions.RegressionPercent), o => o.RegressionPercent) { Minimum = 0, Maximum = MaxRegressionPercent },
            new(Setting.BdnJson, nameof(ReportOptions.BdnJsonPaths), o => o.BdnJsonPaths),
            new(Setting.RegenerateCommand, nameof(ReportOptions.RegenerateCommand), o => o.RegenerateCommand),
        ],
        new Dictionary<string, string>
        {
            [nameof(ReportOptions.Paths)] = "The inputs: the CLI's PATH arguments, the module's -Path or -LiteralPath (wildcards resolved by PowerShell); no default.",
            [nameof(ReportOptions.Results)] = "Result objects from the PowerShell pipeline (-InputObject); the CLI reads files only.",
            [nameof(ReportOptions.BaselineResults)] = "A baseline as result objects, for callers of the library; both faces take baseline files.",
            [nameof(ReportOptions.Claims)] = "The seeds' claims the report checks: the catalogue, replaced only by tests.",
            [nameof(ReportOptions.Exporter)] = "Markdown, the one format the faces write; other exporters are for callers of the library.",
        });
}
