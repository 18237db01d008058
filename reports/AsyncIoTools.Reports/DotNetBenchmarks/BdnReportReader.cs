using System.Text.Json;
using AsyncIoTools.Failures;
using AsyncIoTools.Files;

namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>Reads BenchmarkDotNet's JSON exports; anything else is a <see cref="FailureKind.BadInput"/> failure naming the file.</summary>
public static class BdnReportReader
{
    /// <summary>BenchmarkDotNet names its JSON exports TITLE-report[-full|-brief][-compressed].json.</summary>
    public static bool LooksLikeExport(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = Path.GetFileName(path);
        return name.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && name.Contains("-report", StringComparison.OrdinalIgnoreCase);
    }

    public static BdnReport Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = InputFile.ReadAllText(path);
        return Parse(text, path);
    }

    public static BdnReport Parse(string text, string origin)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            var report = JsonSerializer.Deserialize(text, BdnJsonContext.Default.BdnReport);
            if (report?.Benchmarks is not { Count: > 0 } || report.Benchmarks.Any(b => b is null))
            {
                throw new AsyncIoToolsException(FailureKind.BadInput, $"{origin}: not a BenchmarkDotNet JSON export (no \"Benchmarks\")");
            }

            return report;
        }
        catch (JsonException e)
        {
            throw new AsyncIoToolsException(FailureKind.BadInput, $"{origin}: corrupt or truncated BenchmarkDotNet JSON ({e.Message})");
        }
    }
}
