using System.Globalization;
using AsyncIoTools.Reports.Formatting;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// The parameters a sweep may vary (the runner's <c>ScenarioSweep.Parameters</c>), in the order a report prefers
/// them as an axis, with their names in result files, their axis titles and how one value reads.
/// </summary>
public static class SweepAxes
{
    /// <summary>Every axis, in order of preference when more than one parameter varies.</summary>
    public static IReadOnlyList<SweepAxis> All { get; } = [SweepAxis.Connections, SweepAxis.Active, SweepAxis.Rate, SweepAxis.Pipeline, SweepAxis.MessageBytes];

    /// <summary>The axis a result's <c>sweepParameter</c> names; <see cref="SweepAxis.None"/> for none or one this report does not know.</summary>
    public static SweepAxis Parse(string? parameter) => parameter?.ToUpperInvariant() switch
    {
        "CONNECTIONS" => SweepAxis.Connections,
        "ACTIVE" => SweepAxis.Active,
        "RATE" => SweepAxis.Rate,
        "PIPELINE" => SweepAxis.Pipeline,
        "MESSAGEBYTES" or "MESSAGE-SIZE" => SweepAxis.MessageBytes,
        _ => SweepAxis.None,
    };

    /// <summary>The axis title of a chart, with its unit.</summary>
    public static string Title(SweepAxis axis) => axis switch
    {
        SweepAxis.Active => "active connections",
        SweepAxis.Rate => "offered rate (req/s)",
        SweepAxis.Pipeline => "pipeline depth (requests in flight per connection)",
        SweepAxis.MessageBytes => "message size",
        _ => "connections",
    };

    /// <summary>One value as a tick label: 100, 1k, 10k for counts and rates; 64 B, 4 KiB, 1 MiB for sizes.</summary>
    public static string Label(SweepAxis axis, double value) => axis == SweepAxis.MessageBytes ? Size(value) : PointText.AxisLabel(value);

    /// <summary>One value in prose: 10,000 for counts and rates, 4 KiB for sizes.</summary>
    public static string Text(SweepAxis axis, double value) =>
        axis == SweepAxis.MessageBytes ? Size(value) : value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>One parameter of a point in words: "4 KiB messages", "pipeline 16", "1,000 req/s offered".</summary>
    public static string Describe(SweepAxis axis, PointSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return axis switch
        {
            SweepAxis.Active => string.Create(CultureInfo.InvariantCulture, $"{settings.Active:#,0} active"),
            SweepAxis.Rate => settings.Rate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"{rate:#,0.##} req/s offered") : "closed loop",
            SweepAxis.Pipeline => string.Create(CultureInfo.InvariantCulture, $"pipeline {settings.Pipeline:#,0}"),
            SweepAxis.MessageBytes => Size(settings.MessageBytes) + " messages",
            _ => string.Create(CultureInfo.InvariantCulture, $"{settings.Connections:#,0} connections"),
        };
    }

    private static string Size(double bytes) => bytes switch
    {
        >= 1024 * 1024 => Numbers.Tick(bytes / (1024 * 1024)) + " MiB",
        >= 1024 => Numbers.Tick(bytes / 1024) + " KiB",
        _ => Numbers.Tick(bytes) + " B",
    };
}
