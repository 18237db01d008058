namespace AsyncIoTools.Reports.Charts;

/// <summary>One line of a chart: (x, y) points in base units, sorted by x; x values it lacks are gaps.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<(double X, double Y)> Points);
