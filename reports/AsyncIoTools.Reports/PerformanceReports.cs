using AsyncIoTools.Failures;
using AsyncIoTools.Reports.Baselines;
using AsyncIoTools.Reports.Claims;
using AsyncIoTools.Reports.Exporters;
using AsyncIoTools.Reports.Inputs;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports;

/// <summary>
/// The one entry point both faces call: reads the inputs, groups them, checks the claims, compares with the
/// baseline, renders with the chosen exporter and writes the files (when an output path is given).
/// </summary>
public static class PerformanceReports
{
    public static PerformanceReport Create(ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ReportSettings.Table.Validate(options);

        var mainPath = options.OutputPath is { } output ? options.Exporter.MainPathFor(output) : null;
        var relativeTo = mainPath is null ? null : Path.GetDirectoryName(Path.GetFullPath(mainPath));
        var inputs = new InputLoader(options.Strict, relativeTo).Load(options.Paths, options.Results, options.BdnJsonPaths);
        if (inputs.Results.Count == 0 && inputs.Micro.Count == 0 && inputs.Loads.Count == 0)
        {
            var why = inputs.Warnings.Count > 0 ? inputs.Warnings[0][..^InputLoader.SkippedSuffix.Length] : "no inputs were given";
            throw new AsyncIoToolsException(FailureKind.BadInput, $"nothing to report: {why}");
        }

        var warnings = inputs.Warnings.ToList();
        var scenarios = ResultGrouping.Group(inputs.Results, warnings);
        CheckReference(options.ReferenceEngine, scenarios);
        var model = new ReportModel
        {
            Title = options.Title,
            RegenerateCommand = options.RegenerateCommand,
            Sources = inputs.Results,
            Scenarios = scenarios,
            ReferenceEngine = options.ReferenceEngine,
            Claims = inputs.Results.Count > 0 ? ClaimCatalogue.Evaluate(options.Claims, scenarios) : [],
            Baseline = Baseline(options, relativeTo, inputs.Results, scenarios, warnings),
            Micro = inputs.Micro,
            LoadRuns = LoadRunGroup.Group(inputs.Loads),
            Warnings = warnings,
        };
        var rendered = options.Exporter.Export(model, mainPath);
        return new PerformanceReport(model, rendered.Text, ReportFiles.Write(rendered));
    }

    private static BaselineComparison? Baseline(ReportOptions options, string? relativeTo, IReadOnlyList<ReportSource> current, IReadOnlyList<ScenarioGroup> scenarios, List<string> warnings)
    {
        if (options.BaselinePaths.Count == 0 && options.BaselineResults.Count == 0)
        {
            return null;
        }

        var loaded = new InputLoader(options.Strict, relativeTo).Load(options.BaselinePaths, options.BaselineResults, []);
        warnings.AddRange(loaded.Warnings.Select(w => "baseline: " + w));
        if (loaded.Results.Count == 0)
        {
            warnings.Add("baseline: no readable result among the baseline inputs; nothing was compared");
            return null;
        }

        var baselineScenarios = ResultGrouping.Group(loaded.Results, warnings);
        return BaselineComparer.Compare(scenarios, baselineScenarios, current, loaded.Results, options.RegressionPercent / 100);
    }

    private static void CheckReference(string? reference, IReadOnlyList<ScenarioGroup> scenarios)
    {
        if (reference is null || scenarios.Count == 0)
        {
            return;
        }

        var rows = scenarios.SelectMany(s => s.Points).SelectMany(p => p.Rows).ToList();
        if (!rows.Any(r => r.Matches(reference)))
        {
            var present = string.Join(", ", rows.Select(r => r.Name).Distinct(StringComparer.Ordinal));
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"{Setting.ReferenceEngine} {reference}: no such engine in the results (present: {present})");
        }
    }
}
