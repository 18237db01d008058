using System.Globalization;

namespace AsyncIoTools.Cli.Rendering.Views;

/// <summary>Table cells for programs: figures raw, in invariant culture; nothing known is an empty cell.</summary>
internal static class Cells
{
    public static string Of(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(double value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(double? value) => value is { } v ? Of(v) : string.Empty;

    public static string Of(bool value) => value ? "true" : "false";

    public static string Of(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>An enum as its JSON value in the diagnostics contract (camelCase).</summary>
    public static string Camel<TEnum>(TEnum value) where TEnum : struct, Enum
    {
        var name = value.ToString();
        return name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>The lines of a text block, for markdown's paragraphs.</summary>
    public static IReadOnlyList<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
