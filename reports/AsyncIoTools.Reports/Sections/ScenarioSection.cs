using System.Globalization;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Reports.Model;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Reports.Sections;

/// <summary>
/// One part per scenario: what it does and claims, its cases, the rows that did not run, a comparison table per
/// point, the cost of holding the connections, then the sweep's charts.
/// </summary>
internal static class ScenarioSection
{
    public static void Write(ReportModel model, MarkdownDocument document)
    {
        foreach (var group in model.Scenarios)
        {
            var columns = ScenarioColumns.For(group);
            document.Heading(2, "Scenario " + MarkdownText.Code(group.Name));
            document.Paragraph(Describe(group));
            if (!string.IsNullOrWhiteSpace(group.Scenario.Claim))
            {
                document.Paragraph("It tests: " + MarkdownText.Inline(group.Scenario.Claim));
            }

            document.List(Cases(group));
            document.List(NotRun(group));
            foreach (var point in group.Points)
            {
                if (group.Points.Count > 1)
                {
                    document.Heading(3, MarkdownText.Inline(PointText.Of(point, group)));
                }

                document.List(NotRunAt(group, point));
                PointTables.Write(model, point, columns.PerPoint, document);
            }

            HeldConnectionsTable.Write(group, columns.Held, document);
            SlowClientsTable.Write(group, document);
            if (group.Axis != SweepAxis.None)
            {
                SweepCharts.Write(group, columns.PerPoint, document);
            }
        }
    }

    private static string Describe(ScenarioGroup group)
    {
        var s = group.Scenario;
        var parts = new List<string>();
        if (group.Points.Count == 1)
        {
            parts.Add(PointText.Of(group.Points[0]));
        }

        parts.Add(group.Workload);
        var settings = group.Points.Count > 0 ? group.Points[0].Settings : null;
        if (settings is not null && !group.Varying.Contains(SweepAxis.MessageBytes) && s.Protocol == ProtocolKind.Echo)
        {
            parts.Add(SweepAxes.Describe(SweepAxis.MessageBytes, settings));
        }

        if (settings is not null && !group.Varying.Contains(SweepAxis.Pipeline) && settings.Pipeline > 1)
        {
            parts.Add(SweepAxes.Describe(SweepAxis.Pipeline, settings));
        }

        if (settings is not null && !group.Varying.Contains(SweepAxis.Rate))
        {
            parts.Add(settings.Rate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"constant {rate:#,0.##} req/s") : "closed loop");
        }

        if (group.Axis != SweepAxis.None)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"swept over {group.Points.Count} values of {SweepAxes.Title(group.Axis)}"));
        }

        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{string.Join(", ", parts)}; {s.Trials} trial(s) of {s.DurationSeconds:0.##} s after {s.WarmupSeconds:0.##} s of warm-up");
        return MarkdownText.Inline(string.IsNullOrWhiteSpace(s.Description) ? text + "." : $"{text} — {s.Description}");
    }

    /// <summary>The cases the rows ran, with the scenario's description of each.</summary>
    private static IEnumerable<string> Cases(ScenarioGroup group)
    {
        var cases = group.Points.SelectMany(p => p.Rows).Where(r => r.HasCase).Select(r => r.Case).Distinct(StringComparer.Ordinal).OrderBy(group.CaseRank).ToList();
        return cases.Select(c => group.CaseDescription(c) is { } description
            ? $"Case {MarkdownText.Code(c)}: {MarkdownText.Inline(description)}"
            : $"Case {MarkdownText.Code(c)}");
    }

    /// <summary>
    /// Rows that did not run for the same reason at every point (an engine not in this build), said once; the others
    /// are listed under their point by <see cref="NotRunAt"/>.
    /// </summary>
    private static IEnumerable<string> NotRun(ScenarioGroup group) => NotRunGroups(group)
        .Where(g => g.Count() == group.Points.Count)
        .Select(g => Line(g.Key, group.Points.Count == 1 ? string.Empty : " at every point"));

    /// <summary>Rows that did not run at this point (and not at every point of the scenario).</summary>
    public static IEnumerable<string> NotRunAt(ScenarioGroup group, ScenarioPoint point) => NotRunGroups(group)
        .Where(g => g.Count() < group.Points.Count && g.Any(x => ReferenceEquals(x.Point, point)))
        .Select(g => Line(g.Key, string.Empty));

    private static IEnumerable<IGrouping<(string Label, RunStatus Status, string Reason), (ScenarioPoint Point, EngineRow Row)>> NotRunGroups(ScenarioGroup group) => group.Points
        .SelectMany(p => p.Rows.Where(r => !r.Completed).Select(r => (Point: p, Row: r)))
        .GroupBy(x => (x.Row.Label, x.Row.Run.Status, Reason: x.Row.Run.Reason ?? "no reason recorded"));

    private static string Line((string Label, RunStatus Status, string Reason) key, string where) =>
        $"{MarkdownText.Code(key.Label)} {key.Status.ToString().ToLowerInvariant()}{where}: {MarkdownText.Inline(key.Reason)}";
}
