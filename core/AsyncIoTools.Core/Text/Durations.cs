using System.Globalization;

namespace AsyncIoTools.Text;

/// <summary>Durations as people type them: 250ms, 10s, 1.5m, 2h, or a plain number of seconds.</summary>
public static class Durations
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        var (number, scale) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.OrdinalIgnoreCase) => (text[..^2], 0.001),
            _ when text.EndsWith("us", StringComparison.OrdinalIgnoreCase) => (text[..^2], 0.000001),
            _ when text.EndsWith('s') || text.EndsWith('S') => (text[..^1], 1.0),
            _ when text.EndsWith('m') || text.EndsWith('M') => (text[..^1], 60.0),
            _ when text.EndsWith('h') || text.EndsWith('H') => (text[..^1], 3600.0),
            _ => (text, 1.0),
        };
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < 0 || double.IsInfinity(value))
        {
            return false;
        }

        duration = TimeSpan.FromSeconds(value * scale);
        return true;
    }

    /// <summary>A short form for tables and messages: 850µs, 12.3ms, 10s, 2m30s.</summary>
    public static string Format(TimeSpan duration) => duration.TotalSeconds switch
    {
        < 0.001 => $"{duration.TotalMicroseconds.ToString("0", CultureInfo.InvariantCulture)}µs",
        < 1 => $"{duration.TotalMilliseconds.ToString("0.#", CultureInfo.InvariantCulture)}ms",
        < 60 => $"{duration.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)}s",
        _ => $"{(int)duration.TotalMinutes}m{duration.Seconds}s",
    };
}
