namespace AsyncIoTools.Reports.Baselines;

/// <summary>Every compared metric of one engine at one scenario point, and where both measurements came from.</summary>
public sealed record RowChange(string Scenario, int Connections, int Active, string Engine, IReadOnlyList<MetricChange> Changes, string CurrentOrigin, string BaselineOrigin);
