using System.Globalization;
using AsyncIoTools.Reports.Formatting;

namespace AsyncIoTools.Reports.Sections;

/// <summary>The result files the report was made from, the command behind each, and every input warning.</summary>
internal static class InputsSection
{
    public static void Write(ReportModel model, MarkdownDocument document)
    {
        if (model.Sources.Count == 0 && model.Warnings.Count == 0)
        {
            return;
        }

        document.Heading(2, "Inputs");
        if (model.Sources.Count > 0)
        {
            var table = new MarkdownTable(
                ["File", "Scenario", "Runs", "Started (UTC)", "Command"],
                [ColumnAlignment.Left, ColumnAlignment.Left, ColumnAlignment.Right, ColumnAlignment.Left, ColumnAlignment.Left]);
            foreach (var source in model.Sources.OrderBy(s => s.Result.StartedAt).ThenBy(s => s.Origin, StringComparer.Ordinal))
            {
                var result = source.Result;
                table.Add([
                    MarkdownText.Code(source.Origin, inTable: true),
                    MarkdownText.Inline(result.Scenario.Name),
                    result.Runs.Count.ToString(CultureInfo.InvariantCulture),
                    result.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    MarkdownText.Code(CommandLines.Shorten(result.CommandLine), inTable: true),
                ]);
            }

            document.Table(table);
        }

        var resultWarnings = model.Sources.SelectMany(s => s.Result.Warnings
            .Where(w => !s.Result.Runs.Any(r => (r.Summary?.Warnings ?? []).Any(rw => w.EndsWith(": " + rw, StringComparison.Ordinal))))
            .Select(w => $"{MarkdownText.Code(s.Origin)}: {MarkdownText.Inline(w)}"));
        document.List(model.Warnings.Select(w => "⚠ " + MarkdownText.Inline(w)).Concat(resultWarnings));
    }
}
