using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace AsyncIoTools.Cli.Rendering;

/// <summary>
/// How one kind of output reads in each format: its JSON (from the contract's source-generated context), its text
/// for people, and its table (for CSV and markdown). What a view leaves out, that format skips: a header for people
/// has no JSON; a summary with no table is fenced as text in markdown and left to the rows in CSV.
/// </summary>
public sealed class View<T>
{
    /// <summary>Writes the JSON of a value; null when the value is not part of the JSON.</summary>
    public Action<Utf8JsonWriter, T>? Json { get; init; }

    /// <summary>Exactly what the text format writes, line ends included.</summary>
    public required Func<T, string> Text { get; init; }

    public Func<T, TableData>? Table { get; init; }
}

/// <summary>Helpers to build a <see cref="View{T}"/>'s JSON from a contract's type information.</summary>
public static class View
{
    public static Action<Utf8JsonWriter, T> Json<T>(JsonTypeInfo<T> info) => (writer, value) => JsonSerializer.Serialize(writer, value, info);

    /// <summary>The JSON of what a value says in the contract (a document that is not the value itself).</summary>
    public static Action<Utf8JsonWriter, T> Json<T, TContract>(JsonTypeInfo<TContract> info, Func<T, TContract> select) =>
        (writer, value) => JsonSerializer.Serialize(writer, select(value), info);
}
