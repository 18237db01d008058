using System.Globalization;

namespace AsyncIoTools.Tests.Support;

/// <summary>
/// The diagnostic sockets (dotnet-diagnostic-PID-STARTTIME-socket in the temporary folder) of a process tree that a
/// test is about to kill. A .NET process removes its own at a normal exit, never when killed, and this machine had
/// gathered 800 such sockets from test runs; one of them, naming a reused process id, once failed a test.
/// </summary>
public sealed class DiagnosticSockets
{
    private readonly IReadOnlyList<(int ProcessId, string StartTime)> _processes;

    private DiagnosticSockets(IReadOnlyList<(int ProcessId, string StartTime)> processes) => _processes = processes;

    /// <summary>The process and every descendant, each with its start time (the runtime's disambiguation key).</summary>
    public static DiagnosticSockets OfTree(int rootProcessId)
    {
        var parents = new Dictionary<int, (char State, int Parent, string StartTime)>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && Stat(id) is { } stat)
            {
                parents[id] = stat;
            }
        }

        var tree = new List<(int, string)>();
        var pending = new Queue<int>([rootProcessId]);
        while (pending.TryDequeue(out var id))
        {
            if (parents.TryGetValue(id, out var stat))
            {
                tree.Add((id, stat.StartTime));
                foreach (var (child, _) in parents.Where(p => p.Value.Parent == id))
                {
                    pending.Enqueue(child);
                }
            }
        }

        return new DiagnosticSockets(tree);
    }

    /// <summary>Removes the sockets of those processes that have ended (a process id now reused keeps its own).</summary>
    public void RemoveEnded()
    {
        foreach (var (id, startTime) in _processes)
        {
            if (Stat(id) is not { } now || now.StartTime != startTime || now.State is 'Z' or 'X')
            {
                File.Delete(Path.Combine(Path.GetTempPath(), $"dotnet-diagnostic-{id}-{startTime}-socket"));
            }
        }
    }

    /// <summary>Fields 3 (state), 4 (parent) and 22 (start time) of /proc/PID/stat; the name before them may hold spaces.</summary>
    private static (char State, int Parent, string StartTime)? Stat(int processId)
    {
        string text;
        try
        {
            text = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture), fields[19]);
    }
}
