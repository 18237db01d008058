using System.Globalization;

namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>
/// Where a runtime listens: <c>dotnet-diagnostic-PID-KEY-socket</c> in its temporary folder (its own TMPDIR, or
/// /tmp seen through /proc/PID/root when it runs in another mount namespace).
/// </summary>
public static class DiagnosticEndpoint
{
    public const string Prefix = "dotnet-diagnostic-";

    /// <summary>The newest endpoint of the process, or null when it has none.</summary>
    public static string? Find(int processId)
    {
        var pattern = $"{Prefix}{processId.ToString(CultureInfo.InvariantCulture)}-*-socket";
        return CandidateFolders(processId)
            .Where(Directory.Exists)
            .SelectMany(folder => SafeEnumerate(folder, pattern))
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .FirstOrDefault();
    }

    /// <summary>Process ids that have an endpoint in our temporary folder (what <c>aiotools ps</c> lists).</summary>
    public static IEnumerable<int> PublishedProcessIds()
    {
        var ids = new SortedSet<int>();
        foreach (var path in SafeEnumerate(Path.GetTempPath(), $"{Prefix}*-socket"))
        {
            var parts = Path.GetFileName(path)[Prefix.Length..].Split('-');
            if (parts.Length >= 2 && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id) && ProcFs.IsProcess(id))
            {
                ids.Add(id);
            }
        }

        return ids;
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
