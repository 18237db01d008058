using System.Globalization;

namespace AsyncIoTools.Reports.Model;

/// <summary>Scenario points in words: "10,000 connections (100 active)", "10 connections, 4 KiB messages".</summary>
public static class PointText
{
    public static string Of(int connections, int active) =>
        active > 0 && active < connections
            ? string.Create(CultureInfo.InvariantCulture, $"{connections:#,0} connections ({active:#,0} active)")
            : string.Create(CultureInfo.InvariantCulture, $"{connections:#,0} connections");

    public static string Of(ScenarioPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return Of(point.Connections, point.Active);
    }

    /// <summary>The point's connections, and each other parameter that differs between <paramref name="group"/>'s points.</summary>
    public static string Of(ScenarioPoint point, ScenarioGroup group)
    {
        ArgumentNullException.ThrowIfNull(point);
        ArgumentNullException.ThrowIfNull(group);
        var others = group.Varying.Where(a => a is not (SweepAxis.Connections or SweepAxis.Active)).Select(a => SweepAxes.Describe(a, point.Settings));
        return string.Join(", ", others.Prepend(Of(point)));
    }

    /// <summary>An axis value as a chart label: 100, 1k, 10k, 1.5k, 100k, 1M.</summary>
    public static string AxisLabel(double value) => value switch
    {
        >= 1_000_000 => (value / 1_000_000).ToString("0.#", CultureInfo.InvariantCulture) + "M",
        >= 1_000 => (value / 1_000).ToString("0.#", CultureInfo.InvariantCulture) + "k",
        _ => value.ToString("0.#", CultureInfo.InvariantCulture),
    };
}
