using System.Globalization;
using AsyncIoTools.Diagnostics.Incidents;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>What <c>Wait-Incident</c> writes as each incident is written: when, which rule, the headline, and its files.</summary>
public sealed class IncidentRecord
{
    internal IncidentRecord(Incident incident)
    {
        ProcessId = incident.Target.ProcessId;
        Name = incident.Target.Name;
        TriggeredAt = incident.TriggeredAt;
        Rule = incident.Rule;
        Headline = incident.Headline.Replace("`", string.Empty, StringComparison.Ordinal);
        Path = incident.Folder;
        Report = incident.Folder is null ? null : System.IO.Path.Combine(incident.Folder, "incident.md");
        TraceFile = incident.TraceFile;
        HlogFile = incident.HlogFile;
        CaptureEnd = incident.CaptureEnd.ToString();
    }

    public int ProcessId { get; }

    public string Name { get; }

    public DateTimeOffset TriggeredAt { get; }

    public string Rule { get; }

    public string Headline { get; }

    /// <summary>The incident's folder.</summary>
    public string? Path { get; }

    /// <summary>The markdown report (incident.md).</summary>
    public string? Report { get; }

    /// <summary>The blocking session's raw trace (trace.nettrace), for PerfView.</summary>
    public string? TraceFile { get; }

    /// <summary>The lag timeline as an HdrHistogram interval log (lag.hlog).</summary>
    public string? HlogFile { get; }

    /// <summary>Completed, or TargetExited / Canceled when the capture was cut short.</summary>
    public string CaptureEnd { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{TriggeredAt:HH:mm:ss} process {ProcessId}: {Headline}");
}
