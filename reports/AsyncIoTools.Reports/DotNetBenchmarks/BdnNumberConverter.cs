using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>
/// BenchmarkDotNet's JSON writer spells a number it has none for (the interval of a single iteration, as a dry or
/// short job gives) as an empty string: that reads as NaN, which tables print as "n/a". Numbers, numeric strings
/// and NaN/Infinity read as themselves.
/// </summary>
internal sealed class BdnNumberConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            return reader.GetDouble();
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"a number was expected, not {reader.TokenType}");
        }

        var text = reader.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return double.NaN;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new JsonException($"'{text}' is not a number");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
