using System.Globalization;
using AsyncIoTools.Text;

namespace AsyncIoTools.PowerShell.Arguments;

/// <summary>
/// Durations as PowerShell users give them, read with the core's one grammar (<see cref="Durations"/>): a TimeSpan
/// (<c>(New-TimeSpan -Seconds 5)</c>), a string (<c>'5s'</c>, <c>500ms</c>, <c>00:00:05</c>), a number of seconds
/// (<c>5</c>, <c>1.5</c>), or a number PowerShell read from a literal with a type suffix, whose typed text tells
/// the unit (<c>5s</c> arrives as the Int16 5 typed "5s", <c>250us</c> as the UInt16 250 typed "250us").
/// Kept free of PowerShell types; <see cref="DurationTransformationAttribute"/> hands it what PowerShell passes.
/// </summary>
public static class DurationValue
{
    /// <summary>What the errors say a duration may be.</summary>
    public const string Expected = "a number with a unit (" + Durations.Examples + "), a number of seconds, hh:mm:ss or a TimeSpan";

    public static bool TryConvert(object? value, out TimeSpan duration)
    {
        duration = default;
        switch (value)
        {
            case TimeSpan span when span >= TimeSpan.Zero && span <= Durations.Maximum:
                duration = span;
                return true;
            case string text:
                return Durations.TryParse(text, out duration);
            default:
                return IsNumber(value) && TrySeconds(value!, out duration);
        }
    }

    /// <summary>
    /// A number that PowerShell parsed from a literal typed as the argument, with the text as typed: the text
    /// decides (<c>5s</c> is five seconds, <c>250us</c> 250 microseconds, <c>1.5s</c> 1.5 s although its Int16 is
    /// 2). Text that is only the number's own spelling (<c>5</c>, <c>1,5</c> in a German session) is that many
    /// seconds; other suffixes (<c>5d</c>, <c>1kb</c>, <c>0x10</c>) are not durations.
    /// </summary>
    public static bool TryConvertTyped(object number, string typed, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(number);
        if (Durations.TryParse(typed, out duration))
        {
            return true;
        }

        return (typed == Convert.ToString(number, CultureInfo.InvariantCulture) || typed == Convert.ToString(number, CultureInfo.CurrentCulture))
            && TrySeconds(number, out duration);
    }

    public static bool IsNumber(object? value) =>
        value is sbyte or byte or short or ushort or int or uint or long or ulong or float or double or decimal or System.Numerics.BigInteger;

    private static bool TrySeconds(object number, out TimeSpan duration)
    {
        duration = default;
        double seconds;
        try
        {
            seconds = Convert.ToDouble(number, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is OverflowException or InvalidCastException)
        {
            return false;
        }

        if (double.IsNaN(seconds) || seconds < 0 || seconds > Durations.Maximum.TotalSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
