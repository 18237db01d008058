using AsyncIoTools.Processes;

namespace AsyncIoTools.Tests.Support;

/// <summary>
/// The diagnostic sockets (dotnet-diagnostic-PID-STARTTIME-socket in the temporary folder) of a process tree that a
/// test is about to kill. A .NET process removes its own at a normal exit, never when killed, and this machine had
/// gathered 800 such sockets from test runs; one of them, naming a reused process id, once failed a test.
/// </summary>
public sealed class DiagnosticSockets
{
    private readonly IReadOnlyList<string> _paths;

    private DiagnosticSockets(IReadOnlyList<string> paths) => _paths = paths;

    /// <summary>
    /// The sockets the process and its descendants have now. Named before the kill, so that a process that later
    /// reuses one of the ids (its socket names another start time) keeps its own.
    /// </summary>
    public static DiagnosticSockets OfTree(int rootProcessId) =>
        new([.. ProcessSnapshot.Descendants(rootProcessId).Prepend(rootProcessId)
            .SelectMany(id => Directory.GetFiles(Path.GetTempPath(), $"dotnet-diagnostic-{id}-*-socket"))]);

    /// <summary>Removes them, once the processes have ended.</summary>
    public void Remove()
    {
        foreach (var path in _paths)
        {
            File.Delete(path);
        }
    }
}
