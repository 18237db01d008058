namespace AsyncIoTools.Reports.Baselines;

/// <summary>Every compared metric of one row (engine, variant and case) at one scenario point (in words), and where both measurements came from.</summary>
public sealed record RowChange(string Scenario, string Point, string Engine, IReadOnlyList<MetricChange> Changes, string CurrentOrigin, string BaselineOrigin);
