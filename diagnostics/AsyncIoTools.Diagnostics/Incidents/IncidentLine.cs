namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>What <c>watch</c>'s JSON line says of an incident (the timeline and evidence are in its folder).</summary>
public sealed record IncidentLine(
    int ProcessId,
    string Name,
    DateTimeOffset TriggeredAt,
    string Rule,
    string Headline,
    string? Report,
    string? TraceFile,
    string? HlogFile,
    string CaptureEnd)
{
    public static IncidentLine Of(Incident incident)
    {
        ArgumentNullException.ThrowIfNull(incident);
        return new IncidentLine(
            incident.Target.ProcessId,
            incident.Target.Name,
            incident.TriggeredAt,
            incident.Rule,
            incident.Headline,
            incident.Folder is null ? null : Path.Combine(incident.Folder, "incident.md"),
            incident.TraceFile,
            incident.HlogFile,
            incident.CaptureEnd.ToString());
    }
}
