using System.Globalization;
using System.Text;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Text;
using AsyncIoTools.Results;

namespace AsyncIoTools.Cli.Rendering;

/// <summary>The terminal view of a <see cref="LoadReport"/>.</summary>
internal static class LoadRenderer
{
    public static string Render(LoadReport report)
    {
        var m = report.Measurement;
        var text = new StringBuilder();
        foreach (var line in Heading(report))
        {
            text.Append(line).Append('\n');
        }

        text.AppendLine();
        var table = new TextTable("REQUESTS", "REQ/S", "P50", "P90", "P99", "P99.9", "MAX", "ERRORS").AlignRight("REQUESTS", "REQ/S", "P50", "P90", "P99", "P99.9", "MAX", "ERRORS").Ruled();
        table.Add(Units.Count(m.Requests), Units.Count((long)m.RequestsPerSecond), Units.Micros(m.Latency.P50Micros), Units.Micros(m.Latency.P90Micros),
            Units.Micros(m.Latency.P99Micros), Units.Micros(m.Latency.P999Micros), Units.Micros(m.Latency.MaxMicros), Units.Count(m.Errors.Total));
        text.Append(table);
        if (m.CorrectedLatency is { } corrected)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"from intended start (coordinated omission corrected): p50 {Units.Micros(corrected.P50Micros)}  p99 {Units.Micros(corrected.P99Micros)}  p99.9 {Units.Micros(corrected.P999Micros)}  max {Units.Micros(corrected.MaxMicros)}");
        }

        foreach (var line in Notes(report))
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>What was loaded, and how the connections ramped up.</summary>
    public static IReadOnlyList<string> Heading(LoadReport report) =>
    [
        string.Create(CultureInfo.InvariantCulture, $"target {report.Target}  connections {report.Load.Connections} ({report.Load.Active} active)  threads {report.Load.Threads}  {(report.Load.Rate is { } r ? $"rate {Units.PerSecond(r)}" : "closed loop")}"),
        string.Create(CultureInfo.InvariantCulture, $"ramp: {report.Ramp.Connected}/{report.Ramp.Requested} connected in {Durations.Format(report.Ramp.Elapsed)}{(report.Ramp.ConnectErrors > 0 ? $", {report.Ramp.ConnectErrors} connect errors" : string.Empty)}"),
    ];

    /// <summary>The errors by kind, what the load generator itself cost, and the run's warnings.</summary>
    public static IReadOnlyList<string> Notes(LoadReport report)
    {
        var m = report.Measurement;
        var e = m.Errors;
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"errors: connect {e.Connect}, read {e.Read}, write {e.Write}, timeout {e.Timeout}, status {e.Status}, bad response {e.BadResponse}"),
            string.Create(CultureInfo.InvariantCulture, $"load generator CPU: {m.LoadGeneratorCpuUtilization:P0} of {report.Load.Threads} thread(s)"),
            .. report.Summary.SelectMany(p => p.Warnings).Select(w => $"warning: {w}"),
        ];
    }
}
