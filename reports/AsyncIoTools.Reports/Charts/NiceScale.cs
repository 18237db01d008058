namespace AsyncIoTools.Reports.Charts;

/// <summary>An axis from zero to a round top with round steps (1, 2, 2.5 or 5 times a power of ten).</summary>
public sealed record NiceScale(double Top, double Step)
{
    public static NiceScale Upto(double largest, int ticks = 5)
    {
        if (!(largest > 0) || !double.IsFinite(largest))
        {
            return new NiceScale(1, 0.2);
        }

        var rough = largest / ticks;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * power).First(s => s >= rough);
        return new NiceScale(Math.Ceiling(largest / step - 1e-9) * step, step);
    }

    /// <summary>A scale round in the unit values are shown in (MiB/s, not bytes per second): round in the unit, kept in base units.</summary>
    public static NiceScale UptoInUnit(double largest, double unitFactor)
    {
        var inUnit = Upto(largest / unitFactor);
        return new NiceScale(inUnit.Top * unitFactor, inUnit.Step * unitFactor);
    }

    public IEnumerable<double> Ticks()
    {
        for (var i = 0; i * Step <= Top + (Step / 1000); i++)
        {
            yield return i * Step;
        }
    }
}
