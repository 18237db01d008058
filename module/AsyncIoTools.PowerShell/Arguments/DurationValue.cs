using System.Globalization;
using AsyncIoTools.Text;

namespace AsyncIoTools.PowerShell.Arguments;

/// <summary>
/// Durations as PowerShell users give them: a TimeSpan (<c>(New-TimeSpan -Seconds 10)</c>, <c>'0:0:10'</c>), a
/// number of seconds, or the CLI's spelling (<c>10s</c>, <c>500ms</c>, <c>2m</c>), so both faces read alike.
/// </summary>
public static class DurationValue
{
    public static bool TryConvert(object? value, out TimeSpan duration)
    {
        duration = default;
        switch (value)
        {
            case TimeSpan span:
                duration = span;
                return span >= TimeSpan.Zero;
            case int or long or double or float or decimal:
                var seconds = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                if (seconds < 0 || double.IsNaN(seconds) || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
                {
                    return false;
                }

                duration = TimeSpan.FromSeconds(seconds);
                return true;
            case string text:
                return Durations.TryParse(text, out duration)
                    || (text.Contains(':', StringComparison.Ordinal) && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration >= TimeSpan.Zero);
            default:
                return false;
        }
    }
}
