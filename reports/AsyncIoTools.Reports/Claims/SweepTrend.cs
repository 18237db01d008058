namespace AsyncIoTools.Reports.Claims;

/// <summary>
/// The least-squares line of log(figure) against log(axis value) (a power law, the shape of O(1) and O(n) costs
/// along a geometric sweep), read at the sweep's two ends: how many times the figure grows from the first point to
/// the last, with each point's noise spread over the whole fit.
/// </summary>
internal static class SweepTrend
{
    /// <summary>Fitted value at the last point ÷ at the first; null if a value is zero or below (no logarithm).</summary>
    public static double? Growth(IReadOnlyList<double> axis, IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(axis);
        ArgumentNullException.ThrowIfNull(values);
        if (axis.Count != values.Count || axis.Count < 2)
        {
            throw new ArgumentException("a trend needs two or more points, each with one value", nameof(values));
        }

        if (values.Any(v => v <= 0) || axis.Any(x => x <= 0))
        {
            return null;
        }

        var xs = axis.Select(x => Math.Log(x)).ToList();
        var ys = values.Select(y => Math.Log(y)).ToList();
        var meanX = xs.Average();
        var meanY = ys.Average();
        var sxx = xs.Sum(x => (x - meanX) * (x - meanX));
        var sxy = xs.Select((x, i) => (x - meanX) * (ys[i] - meanY)).Sum();
        var slope = sxx == 0 ? 0 : sxy / sxx;
        return Math.Exp(slope * (xs[^1] - xs[0]));
    }
}
