using System.Globalization;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Sections;

/// <summary>Title, the command that regenerates the report, and what it was made from.</summary>
internal static class HeaderSection
{
    public static void Write(ReportModel model, MarkdownDocument document)
    {
        document.Heading(1, MarkdownText.Inline(model.Title));
        if (model.RegenerateCommand is { } command)
        {
            document.Paragraph("Regenerate: " + MarkdownText.Code(command));
        }

        var made = new List<string>();
        if (model.Sources.Count > 0)
        {
            var first = model.Sources.Min(s => s.Result.StartedAt).UtcDateTime;
            var last = model.Sources.Max(s => s.Result.FinishedAt).UtcDateTime;
            var span = first.Date == last.Date
                ? string.Create(CultureInfo.InvariantCulture, $"{first:yyyy-MM-dd HH:mm}–{last:HH:mm} UTC")
                : string.Create(CultureInfo.InvariantCulture, $"{first:yyyy-MM-dd HH:mm} – {last:yyyy-MM-dd HH:mm} UTC");
            made.Add(string.Create(CultureInfo.InvariantCulture, $"{model.Sources.Count} result file(s) measured {span}"));
        }

        if (model.Micro.Count > 0)
        {
            made.Add(string.Create(CultureInfo.InvariantCulture, $"{model.Micro.Count} BenchmarkDotNet export(s)"));
        }

        document.Paragraph(
            $"Made by `aiotools report` from {string.Join(" and ", made)}. Figures are medians over trials, with their 95% confidence " +
            "intervals below each table; **bold** marks the best value of a column, ⚠ a figure whose trials spread more than 10%.");
        OtherLoad(model, document);
        if (model.Warnings.Count > 0)
        {
            document.Warning(string.Create(CultureInfo.InvariantCulture, $"{model.Warnings.Count} input warning(s): see [Inputs](#inputs)."));
        }
    }

    /// <summary>
    /// Trials during which other processes used the machine, or the hypervisor gave its CPUs to someone else: said once
    /// at the top, flagged again in each trial table.
    /// </summary>
    private static void OtherLoad(ReportModel model, MarkdownDocument document)
    {
        var trials = model.Sources.SelectMany(s => s.Result.Runs).SelectMany(r => r.Trials).Where(t => t.System is not null).ToList();
        var busy = trials.Where(t => t.System!.OtherCpuShare > SummaryPoints.OtherLoad).ToList();
        if (busy.Count > 0)
        {
            document.Warning(string.Create(
                CultureInfo.InvariantCulture,
                $"The machine was not quiet: during {busy.Count} of {trials.Count} trials other processes used more than {Numbers.Percent(SummaryPoints.OtherLoad)} of a CPU (up to {Numbers.Percent(busy.Max(t => t.System!.OtherCpuShare))}). Those figures may be disturbed; compare rows measured in one run, as ratios, and see each table's trials."));
        }

        var stolen = trials.Where(t => t.System!.StealCpuShare > SummaryPoints.OtherLoad).ToList();
        if (stolen.Count > 0)
        {
            document.Warning(string.Create(
                CultureInfo.InvariantCulture,
                $"The host was not quiet: during {stolen.Count} of {trials.Count} trials the hypervisor kept more than {Numbers.Percent(SummaryPoints.OtherLoad)} of a CPU from this machine (steal, up to {Numbers.Percent(stolen.Max(t => t.System!.StealCpuShare!.Value))}). No process here can see that; those trials ran slower for it."));
        }
    }
}
