using System.Globalization;

namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>
/// Where a runtime listens: <c>dotnet-diagnostic-PID-KEY-socket</c> in its temporary folder (its own TMPDIR, or
/// /tmp seen through /proc/PID/root when it runs in another mount namespace). KEY is the process's start time in
/// clock ticks since boot (dotnet/runtime's ds-ipc-pal-socket.c, from field 22 of /proc/self/stat): a runtime that
/// died without removing its socket leaves one whose id a later process may get, and only the key tells them apart.
/// </summary>
public static class DiagnosticEndpoint
{
    public const string Prefix = "dotnet-diagnostic-";

    /// <summary>The endpoint of the process now running with this id, or null when it has none.</summary>
    public static string? Find(int processId) => Search(processId).Live;

    /// <summary>
    /// The process's endpoint (the one whose key is its start time), and the endpoints with its id that earlier
    /// processes left: those are never connected to, since whatever answers there is not this process.
    /// </summary>
    public static EndpointSearch Search(int processId)
    {
        var startTime = ProcFs.StartTime(processId);
        var pattern = $"{Prefix}{processId.ToString(CultureInfo.InvariantCulture)}-*-socket";
        var found = CandidateFolders(processId)
            .Where(Directory.Exists)
            .SelectMany(folder => SafeEnumerate(folder, pattern))
            .DistinctBy(Path.GetFileName, StringComparer.Ordinal)
            .ToList();
        var live = found.FirstOrDefault(path => startTime is { } ticks && KeyOf(path) == ticks);
        return new EndpointSearch(live, found.Where(path => path != live).ToList());
    }

    /// <summary>Process ids that have an endpoint in our temporary folder (what <c>aiotools ps</c> lists).</summary>
    public static IEnumerable<int> PublishedProcessIds()
    {
        var ids = new SortedSet<int>();
        foreach (var path in SafeEnumerate(Path.GetTempPath(), $"{Prefix}*-socket"))
        {
            var parts = Path.GetFileName(path)[Prefix.Length..].Split('-');
            if (parts.Length >= 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && ProcFs.IsProcess(id) && KeyOf(path) is { } key && key == ProcFs.StartTime(id))
            {
                ids.Add(id);
            }
        }

        return ids;
    }

    /// <summary>The KEY of <c>dotnet-diagnostic-PID-KEY-socket</c>, or null when the name has no number there.</summary>
    internal static ulong? KeyOf(string path)
    {
        var parts = Path.GetFileName(path).Split('-');
        return parts.Length == 5 && ulong.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var key) ? key : null;
    }

    private static IEnumerable<string> CandidateFolders(int processId)
    {
        var environment = ProcFs.Environment(processId);
        if (environment is not null && environment.TryGetValue("TMPDIR", out var tmp) && tmp.Length > 0)
        {
            yield return tmp;
        }

        yield return Path.GetTempPath();
        yield return $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/root/tmp";
    }

    private static string[] SafeEnumerate(string folder, string pattern)
    {
        try
        {
            return Directory.GetFiles(folder, pattern);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }
}
