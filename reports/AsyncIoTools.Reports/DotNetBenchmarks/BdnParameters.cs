using System.Globalization;

namespace AsyncIoTools.Reports.DotNetBenchmarks;

/// <summary>BenchmarkDotNet's parameter text ("Descriptors=1000, Mode=Edge") as name–value pairs, in order.</summary>
public static class BdnParameters
{
    public static IReadOnlyList<(string Name, string Value)> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        return text.Split(", ", StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Select(pair => pair.Length == 2 ? (pair[0].Trim(), pair[1].Trim()) : (pair[0].Trim(), string.Empty))
            .ToList();
    }

    public static bool TryNumber(string value, out double number) =>
        double.TryParse(value, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out number);
}
