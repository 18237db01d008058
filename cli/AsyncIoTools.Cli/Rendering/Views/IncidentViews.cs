using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics;
using AsyncIoTools.Diagnostics.Incidents;

namespace AsyncIoTools.Cli.Rendering.Views;

/// <summary><c>aiotools watch</c>: one row per incident as it is written (a JSON line each: the watch runs until stopped).</summary>
internal static class IncidentViews
{
    public static readonly View<Incident> Incident = new()
    {
        Json = View.Json<Incident, IncidentLine>(DiagnosticsJsonContext.Default.IncidentLine, IncidentLine.Of),
        Text = incident => IncidentTextRenderer.Line(incident) + "\n",
        Table = incident =>
        {
            var line = IncidentLine.Of(incident);
            return TableData.One(
                ["processId", "name", "triggeredAt", "rule", "headline", "report", "traceFile", "hlogFile", "captureEnd"],
                [Cells.Of(line.ProcessId), line.Name, Cells.Of(line.TriggeredAt), line.Rule, line.Headline, line.Report ?? string.Empty, line.TraceFile ?? string.Empty, line.HlogFile ?? string.Empty, line.CaptureEnd]);
        },
    };
}
