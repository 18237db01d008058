using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// The columns one scenario's tables show, chosen from what the scenario is about (so that a table stays readable):
/// per point, the request figures with bytes per second for scenarios that move bytes and segments per request for
/// those whose cases change TCP settings; and the figures of holding connections (memory, ramp) in a table of their
/// own for scenarios with many connections. A column no row of the scenario measured is left out.
/// </summary>
public sealed record ScenarioColumns(IReadOnlyList<Metric> PerPoint, IReadOnlyList<Metric> Held)
{
    /// <summary>From this many connections, memory per connection and ramp time are worth a table.</summary>
    public const int ManyConnections = 1_000;

    public IEnumerable<Metric> All => PerPoint.Concat(Held);

    public static ScenarioColumns For(ScenarioGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        var rows = group.Points.SelectMany(p => p.Completed).ToList();
        var movesBytes = MovesBytes(group, rows);
        var shown = ReportMetrics.All
            .Where(m => m.Visibility switch
            {
                MetricVisibility.PerRequest => !movesBytes,
                MetricVisibility.MovedBytes => movesBytes,
                MetricVisibility.TcpSettings => ChangesTcpSettings(group.Scenario),
                MetricVisibility.HeldConnections => group.Points.Any(p => p.Connections >= ManyConnections),
                _ => true,
            })
            .Where(m => rows.Any(r => r.Figure(m) is not null))
            .ToList();
        return new ScenarioColumns(
            shown.Where(m => m.Visibility != MetricVisibility.HeldConnections).ToList(),
            shown.Where(m => m.Visibility == MetricVisibility.HeldConnections).ToList());
    }

    private static bool MovesBytes(ScenarioGroup group, List<EngineRow> rows) =>
        group.Scenario.Protocol is ProtocolKind.Echo or ProtocolKind.File || rows.Any(r => r.BytesPerRequest >= ReportMetrics.LargeResponseBytes);

    private static bool ChangesTcpSettings(BenchmarkScenario scenario) =>
        scenario.Cases?.Any(c => c.NoDelay is not null || c.Cork is not null || c.SplitWrites is not null
            || c.SendBufferBytes is not null || c.ReceiveBufferBytes is not null || c.KeepAliveIdleSeconds is not null
            || c.FastOpen is not null || c.CongestionControl is not null || c.ClientNoDelay is not null || c.ClientFastOpen is not null) ?? false;
}
