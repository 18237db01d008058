using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsyncIoTools.Cli.Rendering;

/// <summary>The JSON face of every report: camelCase names, enums as words, one document (or one line each).</summary>
public static class JsonReport
{
    private static readonly JsonSerializerOptions Indented = Create(indented: true);
    private static readonly JsonSerializerOptions Compact = Create(indented: false);

    public static string Serialize<T>(T value, bool indented = true) => JsonSerializer.Serialize(value, indented ? Indented : Compact);

    private static JsonSerializerOptions Create(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = indented,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };
}
