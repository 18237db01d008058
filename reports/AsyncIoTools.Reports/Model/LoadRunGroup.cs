using AsyncIoTools.Measurement;
using AsyncIoTools.Reports.Inputs;
using AsyncIoTools.Results;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// The load reports of one run against one target, from one or several load hosts: measured windows that
/// overlap. Merged exactly: counts and rates summed, latency histograms added bucket by bucket (never percentiles
/// averaged); the headline latency is the corrected one when every host ran at a constant rate.
/// </summary>
public sealed record LoadRunGroup(string Target, IReadOnlyList<LoadSource> Hosts)
{
    public long Requests => Hosts.Sum(h => h.Report.Measurement.Requests);

    public double RequestsPerSecond => Hosts.Sum(h => h.Report.Measurement.RequestsPerSecond);

    public int Connections => Hosts.Sum(h => h.Report.Measurement.OpenConnections);

    public long Errors => Hosts.Sum(h => h.Report.Measurement.Errors.Total);

    public bool Corrected => Hosts.All(h => h.Report.Measurement.CorrectedLatency is not null);

    /// <summary>Every host's latency histogram added up.</summary>
    public LatencyHistogram Latency()
    {
        var merged = new LatencyHistogram();
        foreach (var host in Hosts)
        {
            merged.Add(HeadlineOf(host.Report));
        }

        return merged;
    }

    public LatencyHistogram HeadlineOf(LoadReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return (Corrected ? report.Measurement.CorrectedLatency! : report.Measurement.Latency).ToHistogram();
    }

    /// <summary>Groups by target; within a target, reports whose measured windows overlap are one run.</summary>
    public static IReadOnlyList<LoadRunGroup> Group(IReadOnlyList<LoadSource> loads)
    {
        ArgumentNullException.ThrowIfNull(loads);
        var groups = new List<LoadRunGroup>();
        foreach (var byTarget in loads.GroupBy(l => l.Report.Target, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var current = new List<LoadSource>();
            var currentEnd = DateTimeOffset.MinValue;
            foreach (var load in byTarget.OrderBy(l => l.Report.StartedAt))
            {
                var (start, end) = Window(load.Report);
                if (current.Count > 0 && start > currentEnd)
                {
                    groups.Add(new LoadRunGroup(byTarget.Key, current));
                    current = [];
                }

                current.Add(load);
                currentEnd = current.Count == 1 ? end : (end > currentEnd ? end : currentEnd);
            }

            groups.Add(new LoadRunGroup(byTarget.Key, current));
        }

        return groups;
    }

    /// <summary>From the report's start to the end of its measurement (ramp, warm-up and window), with a second of slack.</summary>
    private static (DateTimeOffset Start, DateTimeOffset End) Window(LoadReport report) =>
        (report.StartedAt, report.StartedAt + report.Ramp.Elapsed + TimeSpan.FromSeconds(report.Load.WarmupSeconds + report.Measurement.DurationSeconds + 1));
}
