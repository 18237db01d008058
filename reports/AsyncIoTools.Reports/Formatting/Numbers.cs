using System.Globalization;

namespace AsyncIoTools.Reports.Formatting;

/// <summary>Numbers as a report prints them: three significant digits, thousands separated, invariant culture.</summary>
public static class Numbers
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>0.0523, 1.23, 12.3, 123, 1,234 — no exponent, never more digits than the figure deserves.</summary>
    public static string Significant(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return "n/a";
        }

        var magnitude = Math.Abs(value);
        if (magnitude == 0)
        {
            return "0";
        }

        if (magnitude >= 100)
        {
            return value.ToString("#,0", Invariant);
        }

        var decimals = Math.Min(6, 2 - (int)Math.Floor(Math.Log10(magnitude)));
        var text = value.ToString("F" + decimals.ToString(Invariant), Invariant);

        // Rounding can carry into the next decade (9.996 → 10.00): print the rounded figure with its own precision.
        var rounded = double.Parse(text, Invariant);
        return Math.Abs(rounded) >= 10 * Math.Pow(10, Math.Floor(Math.Log10(magnitude))) ? Significant(rounded) : text;
    }

    /// <summary>An axis tick: as <see cref="Significant"/> without trailing zeros (25, 2.5, 0.25).</summary>
    public static string Tick(double value)
    {
        var text = Significant(value);
        return text.Contains('.', StringComparison.Ordinal) ? text.TrimEnd('0').TrimEnd('.') : text;
    }

    /// <summary>A whole count: 1,234,567.</summary>
    public static string Count(double value) => Math.Round(value).ToString("#,0", Invariant);

    /// <summary>A ratio against a reference: 0.00257×, 0.22×, 3.87×, 30.1×, 166×.</summary>
    public static string Ratio(double ratio) => Math.Abs(ratio) switch
    {
        double.NaN => "n/a",
        0 => "0×",
        < 0.1 => Significant(ratio) + "×",
        < 10 => ratio.ToString("0.00", Invariant) + "×",
        < 100 => ratio.ToString("0.0", Invariant) + "×",
        _ => ratio.ToString("#,0", Invariant) + "×",
    };

    /// <summary>A relative change with its sign: +12.3%, -4.10%, +0%.</summary>
    public static string Change(double fraction)
    {
        var percent = fraction * 100;
        var sign = percent >= 0 ? "+" : "-";
        return sign + Significant(Math.Abs(percent)) + "%";
    }

    /// <summary>A fraction as a whole percentage: 83%.</summary>
    public static string Percent(double fraction) => (fraction * 100).ToString("0", Invariant) + "%";
}
