using System.Globalization;
using AsyncIoTools.Failures;
using AsyncIoTools.Reports.DotNetBenchmarks;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Inputs;

/// <summary>
/// Reads result files, folders of them and result objects. A file that cannot be used (missing, corrupt,
/// truncated, of an unknown schema version) is named in one warning line and skipped — or, when strict, stops
/// the report with a <see cref="FailureKind.BadInput"/> failure. Files named like BenchmarkDotNet's JSON
/// exports (<c>*-report*.json</c>) found in folders are read as micro-benchmark results.
/// </summary>
public sealed class InputLoader
{
    private readonly bool _strict;
    private readonly string? _relativeTo;
    /// <summary>Ends every warning about an input that was left out.</summary>
    public const string SkippedSuffix = "; skipped";

    private readonly List<string> _warnings = [];

    /// <param name="strict">Unusable inputs are errors rather than warnings.</param>
    /// <param name="relativeTo">Folder that origins are written relative to (the report's), or null to keep paths as given.</param>
    public InputLoader(bool strict, string? relativeTo)
    {
        _strict = strict;
        _relativeTo = relativeTo;
    }

    public LoadedInputs Load(IEnumerable<string> paths, IEnumerable<BenchmarkResult> objects, IEnumerable<string> bdnPaths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(objects);
        ArgumentNullException.ThrowIfNull(bdnPaths);
        var results = new List<ReportSource>();
        var micro = new List<BdnSource>();
        var loads = new List<LoadSource>();
        var index = 0;
        foreach (var result in objects)
        {
            index++;
            if (result is null)
            {
                Problem(string.Create(CultureInfo.InvariantCulture, $"result object {index}: null"));
                continue;
            }

            results.Add(new ReportSource(result, string.Create(CultureInfo.InvariantCulture, $"object {index} ({result.Scenario.Name}, {result.StartedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC)")));
        }

        foreach (var file in paths.SelectMany(Expand))
        {
            if (BdnReportReader.LooksLikeExport(file))
            {
                ReadMicro(file, micro);
            }
            else if (ResultFiles.SchemaOf(file) == LoadReport.CurrentSchema)
            {
                if (TryRead(() => ResultFiles.ReadLoad(file)) is { } load)
                {
                    loads.Add(new LoadSource(load, Display(file)));
                }
            }
            else if (TryRead(() => ResultFiles.Read(file)) is { } result)
            {
                results.Add(new ReportSource(result, Display(file)));
            }
        }

        foreach (var file in bdnPaths.SelectMany(Expand))
        {
            ReadMicro(file, micro);
        }

        return new LoadedInputs(results, micro, [.. _warnings]) { Loads = loads };
    }

    private void ReadMicro(string file, List<BdnSource> micro)
    {
        if (TryRead(() => BdnReportReader.Read(file)) is { } report)
        {
            micro.Add(new BdnSource(report, Display(file)));
        }
    }

    private IEnumerable<string> Expand(string path)
    {
        if (File.Exists(path))
        {
            return [path];
        }

        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
            if (files.Count == 0)
            {
                Problem($"{path}: no .json files in this folder");
            }

            return files;
        }

        Problem($"{path}: no such file or folder");
        return [];
    }

    private T? TryRead<T>(Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (AsyncIoToolsException e) when (e.Kind == FailureKind.BadInput)
        {
            Problem(e.Message);
            return null;
        }
    }

    private void Problem(string message)
    {
        if (_strict)
        {
            throw new AsyncIoToolsException(FailureKind.BadInput, message);
        }

        _warnings.Add(message + SkippedSuffix);
    }

    private string Display(string path)
    {
        var shown = _relativeTo is null ? path : Path.GetRelativePath(_relativeTo, Path.GetFullPath(path));
        return shown.Replace('\\', '/');
    }
}
