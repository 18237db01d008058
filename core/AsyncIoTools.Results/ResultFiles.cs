using System.Globalization;
using System.Text.Json;
using AsyncIoTools.Failures;
using AsyncIoTools.Files;

namespace AsyncIoTools.Results;

/// <summary>Writes result files (atomically, never over an existing one) and reads them back with checks.</summary>
public static class ResultFiles
{
    public static string Serialize(BenchmarkResult result) => JsonSerializer.Serialize(result, ResultsJsonContext.Default.BenchmarkResult);

    /// <summary>
    /// Writes <c>DIR/yyyyMMdd-HHmmss-SCENARIO.json</c>, or the file itself when <paramref name="destination"/> names a
    /// .json file (<see cref="NamesAFile"/>); -2, -3 … before the extension when the name is taken, so a run's result
    /// never replaces another. Returns the path written.
    /// </summary>
    public static string Write(BenchmarkResult result, string destination)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(destination);
        if (NamesAFile(destination))
        {
            var full = Path.GetFullPath(destination);
            return AtomicFile.WriteUnique(Path.GetDirectoryName(full)!, Path.GetFileNameWithoutExtension(full), Path.GetExtension(full), Serialize(result));
        }

        var stem = string.Create(CultureInfo.InvariantCulture, $"{result.StartedAt:yyyyMMdd-HHmmss}-{Sanitize(result.Scenario.Name)}");
        return AtomicFile.WriteUnique(destination, stem, ".json", Serialize(result));
    }

    /// <summary>A destination ending in .json that is not an existing folder is the result file's own name.</summary>
    private static bool NamesAFile(string destination) =>
        destination.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !Directory.Exists(destination);

    /// <summary>Reads a result file; a missing, corrupt or unknown-version file is a <see cref="FailureKind.BadInput"/> failure naming it.</summary>
    public static BenchmarkResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = InputFile.ReadAllText(path);
        try
        {
            using var document = JsonDocument.Parse(text);
            var schema = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("schema", out var s) ? s.GetString() : null;
            if (schema != BenchmarkResult.CurrentSchema)
            {
                throw new AsyncIoToolsException(FailureKind.BadInput, $"{path}: not a result file of a known version (schema '{schema ?? "none"}', expected '{BenchmarkResult.CurrentSchema}')");
            }

            return JsonSerializer.Deserialize(text, ResultsJsonContext.Default.BenchmarkResult)
                ?? throw new AsyncIoToolsException(FailureKind.BadInput, $"{path}: empty result");
        }
        catch (JsonException e)
        {
            throw new AsyncIoToolsException(FailureKind.BadInput, $"{path}: corrupt or truncated JSON ({e.Message})");
        }
    }

    /// <summary>The schema a JSON file names, or null when it is not a JSON object with one (not read further).</summary>
    public static string? SchemaOf(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            using var document = JsonDocument.Parse(stream);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("schema", out var s) ? s.GetString() : null;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Reads the JSON of <c>aiotools load --json</c>; a bad file is a <see cref="FailureKind.BadInput"/> failure naming it.</summary>
    public static LoadReport ReadLoad(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var text = InputFile.ReadAllText(path);
        try
        {
            return JsonSerializer.Deserialize(text, ResultsJsonContext.Default.LoadReport) is { Schema: LoadReport.CurrentSchema } report
                ? report
                : throw new AsyncIoToolsException(FailureKind.BadInput, $"{path}: not a load report of a known version (expected '{LoadReport.CurrentSchema}')");
        }
        catch (JsonException e)
        {
            throw new AsyncIoToolsException(FailureKind.BadInput, $"{path}: corrupt or truncated JSON ({e.Message})");
        }
    }

    private static string Sanitize(string name) =>
        new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
