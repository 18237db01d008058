using System.Globalization;
using System.Text.RegularExpressions;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary>Durations as people type them: "10s", "500ms", "2m", "1.5s", "250us"; a bare number means seconds.</summary>
public static partial class DurationText
{
    public static bool TryParse(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !double.TryParse(match.Groups["value"].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        var seconds = match.Groups["unit"].Value.ToUpperInvariant() switch
        {
            "US" or "µS" => value / 1e6,
            "MS" => value / 1e3,
            "M" => value * 60,
            "H" => value * 3600,
            _ => value,
        };
        if (seconds > TimeSpan.MaxValue.TotalSeconds / 2)
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    [GeneratedRegex(@"^(?<value>[0-9]+(\.[0-9]+)?)\s*(?<unit>us|µs|ms|s|m|h)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
