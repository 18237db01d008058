using System.Globalization;

namespace AsyncIoTools.Text;

/// <summary>
/// The one duration grammar of both faces (the CLI's <c>--duration</c>, the module's <c>-Duration</c>): a decimal
/// number and a unit, <c>250us</c> (or <c>µs</c>), <c>500ms</c>, <c>1.5s</c>, <c>2m</c>, <c>1h</c>, case ignored, a
/// bare number meaning seconds; or a clock time <c>[d.]hh:mm:ss[.fffffff]</c> (<c>00:00:05</c>, TimeSpan's own
/// spelling). No sign, no exponent: a negative duration, NaN, an infinity or anything past
/// <see cref="Maximum"/> is not a duration. Exact to the tick (decimal arithmetic), and it never throws.
/// </summary>
public static class Durations
{
    /// <summary>The longest duration accepted: far beyond any run, and far from TimeSpan's overflow.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromDays(3650);

    /// <summary>Durations as the grammar reads them, for error messages.</summary>
    public const string Examples = "250us, 500ms, 1.5s, 2m, 1h";

    /// <summary>How the grammar is described in error messages.</summary>
    public const string Expected = "a number with a unit (" + Examples + "), a number of seconds or hh:mm:ss";

    /// <summary>Two-letter units first, so that "ms" is not read as "m" or "s".</summary>
    private static readonly (string Suffix, long Ticks)[] Units =
    [
        ("us", TimeSpan.TicksPerMicrosecond),
        ("µs", TimeSpan.TicksPerMicrosecond),
        ("μs", TimeSpan.TicksPerMicrosecond), // Greek mu, as some keyboards type it
        ("ms", TimeSpan.TicksPerMillisecond),
        ("s", TimeSpan.TicksPerSecond),
        ("m", TimeSpan.TicksPerMinute),
        ("h", TimeSpan.TicksPerHour),
    ];

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.AsSpan().Trim();
        if (trimmed.Contains(':'))
        {
            return TryParseClock(trimmed, out duration);
        }

        var ticksPerUnit = SplitUnit(ref trimmed);
        var number = trimmed;
        if (!IsDecimal(number) || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        // Compared before multiplying, so no value can overflow the product.
        if (value > Maximum.Ticks / (decimal)ticksPerUnit)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)decimal.Round(value * ticksPerUnit, MidpointRounding.AwayFromZero));
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

    /// <summary>Takes the unit off <paramref name="text"/>, leaving the number; a bare number is seconds.</summary>
    private static long SplitUnit(ref ReadOnlySpan<char> text)
    {
        foreach (var (suffix, ticks) in Units)
        {
            if (text.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^suffix.Length].TrimEnd();
                return ticks;
            }
        }

        return TimeSpan.TicksPerSecond;
    }

    /// <summary>Digits with at most one decimal point and at least one digit: 5, 1.5, .5, 5. (no sign, no exponent, no separators).</summary>
    private static bool IsDecimal(ReadOnlySpan<char> number)
    {
        var digits = 0;
        var points = 0;
        foreach (var c in number)
        {
            if (c is >= '0' and <= '9')
            {
                digits++;
            }
            else if (c == '.' && ++points == 1)
            {
                continue;
            }
            else
            {
                return false;
            }
        }

        return digits > 0;
    }

    private static bool TryParseClock(ReadOnlySpan<char> text, out TimeSpan duration)
    {
        // TimeSpan's constant format only (no sign, no culture): d.hh:mm:ss.fffffff with optional days and fraction.
        if (text.StartsWith("-") || !TimeSpan.TryParseExact(text, "c", CultureInfo.InvariantCulture, out duration) || duration > Maximum)
        {
            duration = default;
            return false;
        }

        return true;
    }
}
