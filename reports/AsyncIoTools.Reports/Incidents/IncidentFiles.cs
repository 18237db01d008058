using AsyncIoTools.Diagnostics.Incidents;
using AsyncIoTools.Files;
using AsyncIoTools.Processes;
using AsyncIoTools.Reports.Exporters;

namespace AsyncIoTools.Reports.Incidents;

/// <summary>Writes an incident's markdown report (incident.md) into its folder, beside the trace and the interval log the watch put there.</summary>
public sealed class IncidentFiles : IIncidentSink
{
    private readonly Lazy<HostEnvironment> _environment = new(HostEnvironment.Capture);

    public IReadOnlyList<string> Write(Incident incident, string folder)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var path = Path.Combine(folder, "incident.md");
        AtomicFile.WriteNew(path, IncidentReport.Render(incident, _environment.Value, MarkdownDialect.GitHub));
        return [path];
    }
}
