using System.Globalization;
using AsyncIoTools.Failures;
using AsyncIoTools.Reports.Baselines;
using AsyncIoTools.Reports.Claims;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports;

/// <summary>A made report: its markdown, the files written (none for standard output), and what it found.</summary>
public sealed record PerformanceReport(ReportModel Model, string Markdown, IReadOnlyList<string> WrittenFiles)
{
    public IReadOnlyList<string> Warnings => Model.Warnings;

    public IReadOnlyList<ClaimResult> Claims => Model.Claims;

    public IReadOnlyList<(RowChange Row, MetricChange Change)> Regressions => Model.Baseline?.Regressions.ToList() ?? [];

    /// <summary>
    /// The failure to raise when regressions were asked to fail the run (<see cref="ReportOptions.FailOnRegression"/>)
    /// and some were found, or null. The report is written either way.
    /// </summary>
    public AsyncIoToolsException? RegressionFailure(ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var regressions = Regressions;
        if (!options.FailOnRegression || regressions.Count == 0)
        {
            return null;
        }

        var first = regressions.Take(3).Select(r => string.Create(
            CultureInfo.InvariantCulture,
            $"{r.Row.Engine} {r.Row.Scenario} {r.Row.Point} {r.Change.Metric.Title} {(r.Change.Metric.Kind == QuantityKind.Count ? "+" + Numbers.Count(r.Change.Change) : Numbers.Change(r.Change.Change))}"));
        var more = regressions.Count > 3 ? string.Create(CultureInfo.InvariantCulture, $" and {regressions.Count - 3} more") : string.Empty;
        return new AsyncIoToolsException(
            FailureKind.ThresholdExceeded,
            string.Create(CultureInfo.InvariantCulture, $"{regressions.Count} regression(s) against the baseline: {string.Join("; ", first)}{more}"));
    }
}
