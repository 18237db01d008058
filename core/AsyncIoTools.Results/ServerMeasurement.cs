using AsyncIoTools.Processes;

namespace AsyncIoTools.Results;

/// <summary>The server process during one trial, from /proc: CPU spent, memory, context switches.</summary>
public sealed record ServerMeasurement(
    long CpuUserMicros,
    long CpuSystemMicros,
    double? CpuMicrosPerRequest,
    long RssBytes,
    long PeakRssBytes,
    long VoluntaryContextSwitches,
    long InvoluntaryContextSwitches,
    int Threads)
{
    public static ServerMeasurement Between(ProcessSnapshot before, ProcessSnapshot after, long requests)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var user = after.UserMicros - before.UserMicros;
        var system = after.SystemMicros - before.SystemMicros;
        return new ServerMeasurement(
            user,
            system,
            requests > 0 ? (double)(user + system) / requests : null,
            after.RssBytes,
            after.PeakRssBytes,
            after.VoluntaryContextSwitches - before.VoluntaryContextSwitches,
            after.InvoluntaryContextSwitches - before.InvoluntaryContextSwitches,
            after.Threads);
    }
}
