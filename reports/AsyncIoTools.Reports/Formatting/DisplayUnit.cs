namespace AsyncIoTools.Reports.Formatting;

/// <summary>
/// The unit one column (or one axis) is shown in: chosen once from all its values, so that every row reads in
/// the same unit and the header can state it. The largest unit the largest value reaches is taken; sizes wait until
/// the largest value reaches ten of a unit, so that small rows keep their digits (4,024 B rather than 3.93 KiB beside 0.0625).
/// </summary>
public sealed record DisplayUnit(string Symbol, double Factor, QuantityKind Kind)
{
    private static readonly (string Symbol, double Factor)[] Rates = [("req/s", 1), ("k req/s", 1e3), ("M req/s", 1e6)];
    private static readonly (string Symbol, double Factor)[] Times = [("ns", 1e-3), ("µs", 1), ("ms", 1e3), ("s", 1e6)];
    private static readonly (string Symbol, double Factor)[] Sizes = [("B", 1), ("KiB", 1024), ("MiB", 1024.0 * 1024), ("GiB", 1024.0 * 1024 * 1024)];
    private static readonly (string Symbol, double Factor)[] SizeRates = [("B/s", 1), ("KiB/s", 1024), ("MiB/s", 1024.0 * 1024), ("GiB/s", 1024.0 * 1024 * 1024)];

    public static DisplayUnit For(QuantityKind kind, IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var largest = values.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
        var scale = kind switch
        {
            QuantityKind.Rate => Rates,
            QuantityKind.Time => Times,
            QuantityKind.Bytes => Sizes,
            QuantityKind.ByteRate => SizeRates,
            _ => [(string.Empty, 1.0)],
        };

        // Times below a microsecond are rare in our tables; ns is kept for them only.
        var chosen = kind == QuantityKind.Time ? scale[1] : scale[0];
        foreach (var step in scale)
        {
            if (largest >= step.Factor * (kind is QuantityKind.Bytes or QuantityKind.ByteRate ? 10 : 1))
            {
                chosen = step;
            }
        }

        if (kind == QuantityKind.Time && largest > 0 && largest < 1)
        {
            chosen = scale[0];
        }

        return new DisplayUnit(chosen.Symbol, chosen.Factor, kind);
    }

    /// <summary>The value in this unit, without the symbol (the header states it).</summary>
    public string Format(double value) =>
        Kind == QuantityKind.Count || (Kind is QuantityKind.Bytes or QuantityKind.ByteRate && Factor == 1)
            ? Numbers.Count(value / Factor)
            : Numbers.Significant(value / Factor);

    /// <summary>The value in this unit with its symbol, for prose.</summary>
    public string FormatWithSymbol(double value)
    {
        var number = Format(value);
        if (Symbol.Length == 0)
        {
            return number;
        }

        return number + " " + Symbol;
    }

    /// <summary>"title (unit)", or the title alone for dimensionless figures.</summary>
    public string Header(string title) => Symbol.Length == 0 ? title : $"{title} ({Symbol})";
}
