using System.CommandLine;
using System.Globalization;
using AsyncIoTools.Reports;

namespace AsyncIoTools.Cli.Commands;

/// <summary><c>aiotools report</c>: markdown comparison tables, sweep charts and the seeds' claims, from result files.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Result files, or folders of them (BenchmarkDotNet *-report*.json exports found there are read too).",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var baseline = new Option<string[]>("--baseline")
        {
            HelpName = "PATH",
            Description = "Result files or folders to compare against: each metric's change, regressions flagged.",
            AllowMultipleArgumentsPerToken = true,
        };
        var reference = new Option<string?>("--reference-engine") { HelpName = "ENGINE", Description = "Engine (or ENGINE:VARIANT) that ratios are taken against. Default: epoll." };
        var output = new Option<string?>("--out", "-o") { HelpName = "FILE", Description = "Markdown file (or folder for report.md) to write, charts beside it. Default: standard output, without SVG charts." };
        var defaults = ReportSettings.Defaults;
        var title = new Option<string>("--title") { HelpName = "TEXT", Description = "The report's title.", DefaultValueFactory = _ => defaults.Title };
        var strict = new Option<bool>("--strict") { Description = "A corrupt, truncated or unknown-version input is an error (exit code 6), not a warning." };
        var failOnRegression = new Option<bool>("--fail-on-regression") { Description = "Exit with code 20 when the baseline comparison finds a regression (for CI)." };
        var threshold = new Option<double>("--threshold")
        {
            HelpName = "PERCENT",
            Description = "Smallest change, in percent, that counts as a regression; the trials' spread can widen it.",
            DefaultValueFactory = _ => defaults.RegressionPercent,
        };
        var bdnJson = new Option<string[]>("--bdn-json")
        {
            HelpName = "FILE",
            Description = "BenchmarkDotNet JSON exports (*-report-full.json, *-report-full-compressed.json) to add as micro-benchmark tables.",
            AllowMultipleArgumentsPerToken = true,
        };
        var regenerate = new Option<string?>("--regenerate-command") { HelpName = "COMMAND", Description = "The command written at the top of the report to regenerate it. Default: this command line." };

        var command = new Command("report", "Write a markdown report from result files: environment, comparison tables, sweep charts, the seeds' claims, baseline changes.")
        {
            paths, baseline, reference, output, title, strict, failOnRegression, threshold, bdnJson, regenerate,
        };
        command.Validators.Add(result =>
        {
            var given = result.GetValue(paths) ?? [];
            if (given.Length == 0 && (result.GetValue(bdnJson) ?? []).Length == 0)
            {
                result.AddError("give at least one result file or folder (or --bdn-json FILE)");
            }

            // A mistyped flag would otherwise be taken for a path and reported as a missing file.
            foreach (var flag in given.Where(p => p.StartsWith('-') && !File.Exists(p) && !Directory.Exists(p)))
            {
                result.AddError($"unknown option '{flag}'");
            }
        });
        command.SetAction(parseResult =>
        {
            var options = new ReportOptions
            {
                Paths = parseResult.GetValue(paths) ?? [],
                BaselinePaths = parseResult.GetValue(baseline) ?? [],
                BdnJsonPaths = parseResult.GetValue(bdnJson) ?? [],
                ReferenceEngine = parseResult.GetValue(reference),
                OutputPath = parseResult.GetValue(output),
                Title = parseResult.GetValue(title) ?? defaults.Title,
                Strict = parseResult.GetValue(strict),
                FailOnRegression = parseResult.GetValue(failOnRegression),
                RegressionPercent = parseResult.GetValue(threshold),
                RegenerateCommand = parseResult.GetValue(regenerate) ?? "aiotools " + string.Join(' ', parseResult.Tokens.Select(t => Quote(t.Value))),
            };
            var report = PerformanceReports.Create(options);
            foreach (var warning in report.Warnings)
            {
                Console.Error.WriteLine($"aiotools: warning: {warning}");
            }

            if (options.OutputPath is null)
            {
                Console.Out.Write(report.Markdown);
            }
            else
            {
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report: {report.WrittenFiles[^1]} ({report.WrittenFiles.Count - 1} chart file(s) beside it)"));
            }

            if (report.RegressionFailure(options) is { } failure)
            {
                throw failure;
            }

            return 0;
        });
        return command;
    }

    private static string Quote(string token) =>
        token.Length > 0 && token.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,@%+".Contains(c, StringComparison.Ordinal)) ? token : "'" + token.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
