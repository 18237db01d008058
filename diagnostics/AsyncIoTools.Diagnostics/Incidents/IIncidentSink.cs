namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>Writes an incident's report files into its (still temporary) folder; the watch names the folder once they are all there.</summary>
public interface IIncidentSink
{
    /// <returns>The paths of the files written, the report first.</returns>
    IReadOnlyList<string> Write(Incident incident, string folder);
}
