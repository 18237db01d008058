using System.Globalization;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;

namespace AsyncIoTools.Reports.Sections;

/// <summary>One part per scenario: a comparison table per point, then the sweep's charts.</summary>
internal static class ScenarioSection
{
    public static void Write(ReportModel model, MarkdownDocument document)
    {
        foreach (var group in model.Scenarios)
        {
            document.Heading(2, "Scenario " + MarkdownText.Code(group.Name));
            document.Paragraph(Describe(group));
            foreach (var point in group.Points)
            {
                if (group.Points.Count > 1)
                {
                    document.Heading(3, MarkdownText.Inline(PointText.Of(point)));
                }

                PointTables.Write(model, point, document);
            }

            if (group.Axis != SweepAxis.None)
            {
                SweepCharts.Write(group, document);
            }
        }
    }

    private static string Describe(ScenarioGroup group)
    {
        var s = group.Scenario;
        var where = group.Points.Count == 1 ? PointText.Of(group.Points[0]) + ", " : string.Empty;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{where}{group.Workload}; {s.Trials} trial(s) of {s.DurationSeconds:0.##} s after {s.WarmupSeconds:0.##} s of warm-up");
        return MarkdownText.Inline(string.IsNullOrWhiteSpace(s.Description) ? text + "." : $"{text} — {s.Description}");
    }
}
