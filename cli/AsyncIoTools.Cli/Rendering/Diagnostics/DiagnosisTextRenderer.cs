using AsyncIoTools.Diagnostics.Incidents;

namespace AsyncIoTools.Cli.Rendering.Diagnostics;

/// <summary><c>aiotools diagnose</c> for people: the verdict and its cause first, then the evidence of each session as lag, blocking and hotspots show it.</summary>
public static class DiagnosisTextRenderer
{
    public static string Render(Diagnosis diagnosis)
    {
        ArgumentNullException.ThrowIfNull(diagnosis);
        var parts = new List<string>
        {
            diagnosis.Headline.Replace("`", string.Empty, StringComparison.Ordinal),
            string.Empty,
            "== Lag ==",
            LagTextRenderer.Header(new LagReportHeader(diagnosis.Target.ProcessId, diagnosis.Target.Name, diagnosis.Target.Runtime.RuntimeVersionText, diagnosis.Interval, Watch: false)),
            string.Join('\n', diagnosis.Lag.Intervals.Select(LagTextRenderer.Row)),
            LagTextRenderer.Summary(diagnosis.Lag).TrimEnd('\n'),
            string.Empty,
            "== Blocking ==",
            BlockingTextRenderer.Render(diagnosis.Blocking).TrimEnd('\n'),
            string.Empty,
            "== Pending async calls ==",
            diagnosis.Hotspots is { } hotspots ? HotspotsTextRenderer.Render(hotspots).TrimEnd('\n') : "No heap snapshot: " + diagnosis.HotspotsUnavailable,
        };
        return string.Join('\n', parts);
    }
}
