using System.Globalization;

namespace AsyncIoTools.Text;

/// <summary>Figures formatted for reading: units chosen by size, always stated.</summary>
public static class Units
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A duration in microseconds as µs, ms or s with three significant digits.</summary>
    public static string Micros(double micros) => micros switch
    {
        double.NaN => "n/a",
        < 1000 => $"{Significant(micros)}µs",
        < 1_000_000 => $"{Significant(micros / 1000)}ms",
        _ => $"{Significant(micros / 1_000_000)}s",
    };

    /// <summary>A rate: 950/s, 12.3k/s, 1.20M/s.</summary>
    public static string PerSecond(double value) => value switch
    {
        < 1000 => $"{Significant(value)}/s",
        < 1_000_000 => $"{Significant(value / 1000)}k/s",
        _ => $"{Significant(value / 1_000_000)}M/s",
    };

    /// <summary>Bytes in binary units: 512 B, 3.2 KiB, 10.0 MiB, 1.50 GiB.</summary>
    public static string Bytes(double bytes) => Math.Abs(bytes) switch
    {
        < 1024 => $"{bytes.ToString("0", Invariant)} B",
        < 1024 * 1024 => $"{Significant(bytes / 1024)} KiB",
        < 1024 * 1024 * 1024 => $"{Significant(bytes / (1024 * 1024))} MiB",
        _ => $"{Significant(bytes / (1024.0 * 1024 * 1024))} GiB",
    };

    /// <summary>A count with thousands separators: 1,234,567.</summary>
    public static string Count(long value) => value.ToString("#,0", Invariant);

    /// <summary>Three significant digits, no exponent: 0.123, 1.23, 12.3, 123.</summary>
    public static string Significant(double value) => Math.Abs(value) switch
    {
        0 => "0",
        < 10 => value.ToString("0.00", Invariant),
        < 100 => value.ToString("0.0", Invariant),
        _ => value.ToString("0", Invariant),
    };
}
