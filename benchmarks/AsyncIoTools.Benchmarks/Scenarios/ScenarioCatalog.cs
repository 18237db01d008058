using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Failures;
using AsyncIoTools.Files;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Scenarios;

/// <summary>
/// The built-in scenarios (benchmarks/scenarios/*.json, embedded in the tool) and scenario files given by path,
/// read strictly: an unknown field, a value of the wrong type or out of range is a one-line error naming it.
/// </summary>
public static class ScenarioCatalog
{
    private const string ResourcePrefix = "scenarios/";

    private static readonly Lazy<IReadOnlyList<BenchmarkScenario>> Embedded = new(LoadEmbedded);

    // Reflection-based on purpose: the source generator sets every init-only property, so a field missing from
    // a file would read as 0 instead of the scenario's default. Strict about unknown fields either way.
    private static readonly JsonSerializerOptions Strict = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        // Names only: with integers allowed, "protocol": 7 would read as a protocol no engine speaks.
        Converters = { new JsonStringEnumConverter(namingPolicy: null, allowIntegerValues: false) },
    };

    /// <summary>Every built-in scenario, by name.</summary>
    public static IReadOnlyList<BenchmarkScenario> BuiltIn => Embedded.Value;

    /// <summary>A built-in scenario by name, or a scenario file by path.</summary>
    public static BenchmarkScenario Load(string nameOrPath)
    {
        ArgumentNullException.ThrowIfNull(nameOrPath);
        if (nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || nameOrPath.Contains('/', StringComparison.Ordinal))
        {
            var text = InputFile.ReadAllText(nameOrPath, "cannot read the scenario file");
            return Parse(text, nameOrPath);
        }

        return BuiltIn.FirstOrDefault(s => s.Name == nameOrPath)
            ?? throw new AsyncIoToolsException(FailureKind.Usage, $"unknown scenario '{nameOrPath}'; built-in: {string.Join(", ", BuiltIn.Select(s => s.Name))} (or give a .json file)");
    }

    /// <summary>Reads and checks a scenario; <paramref name="source"/> names it in errors.</summary>
    public static BenchmarkScenario Parse(string json, string source)
    {
        BenchmarkScenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<BenchmarkScenario>(json, Strict);
        }
        catch (JsonException e)
        {
            throw new AsyncIoToolsException(FailureKind.BadInput, $"{source}: {Describe(e)}");
        }

        if (scenario is null)
        {
            throw new AsyncIoToolsException(FailureKind.BadInput, $"{source}: the file holds no scenario");
        }

        return ScenarioValidator.FindProblem(scenario) is { } problem
            ? throw new AsyncIoToolsException(FailureKind.BadInput, $"{source}: {problem}")
            : scenario;
    }

    private static string Describe(JsonException e)
    {
        var field = e.Path is { Length: > 2 } path ? path[2..] : null;
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            // The path already ends with the unknown field's name ($.cases[0].nodelay).
            return $"unknown field '{field ?? e.Message.Split('\'').ElementAtOrDefault(1)}'";
        }

        if (field is not null)
        {
            return $"field '{field}': wrong type or value (line {e.LineNumber + 1})";
        }

        return $"not valid JSON (line {e.LineNumber + 1}): {e.Message.Split('.')[0]}";
    }

    private static IReadOnlyList<BenchmarkScenario> LoadEmbedded()
    {
        var assembly = typeof(ScenarioCatalog).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal))
            .Where(name => !name.EndsWith(".schema.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => Parse(ReadResource(assembly, name), name))
            .ToArray();
    }

    private static string ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
