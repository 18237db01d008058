using AsyncIoTools.Processes;

namespace AsyncIoTools.Tests.Support;

/// <summary>
/// The diagnostic sockets (dotnet-diagnostic-PID-STARTTIME-socket in the temporary folder) of a process tree that a
/// test is about to kill. A .NET process removes its own at a normal exit, never when killed, and this machine had
/// gathered 800 such sockets from test runs; one of them, naming a reused process id, once failed a test.
/// </summary>
public sealed class DiagnosticSockets
{
    private DiagnosticSockets(IReadOnlyList<string> paths) => Paths = paths;

    /// <summary>The sockets' paths.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>
    /// The sockets the process and its descendants have now: each one's name carries its process's start time, so a
    /// socket left by an earlier, killed process with the same id is not taken for theirs (this machine had 185 such
    /// sockets, and one of them failed a test that counted a target's sockets). Named before the kill, so that a
    /// process that later reuses one of the ids keeps its own.
    /// </summary>
    public static DiagnosticSockets OfTree(int rootProcessId) =>
        new([.. ProcessSnapshot.Descendants(rootProcessId).Prepend(rootProcessId).SelectMany(Own)]);

    /// <summary>Removes them, once the processes have ended.</summary>
    public void Remove()
    {
        foreach (var path in Paths)
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<string> Own(int processId)
    {
        ulong? started;
        try
        {
            started = ProcFile.StartTime(processId);
        }
        catch (ProcessGoneException)
        {
            return [];
        }

        return started is { } key ? Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{processId}-{key}-socket") : [];
    }
}
