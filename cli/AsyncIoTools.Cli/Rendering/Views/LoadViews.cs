using AsyncIoTools.Results;

namespace AsyncIoTools.Cli.Rendering.Views;

/// <summary><c>aiotools load</c>: the run's figures (text: <see cref="LoadRenderer"/>).</summary>
internal static class LoadViews
{
    public static readonly View<LoadReport> Report = new()
    {
        Json = View.Json(ResultsJsonContext.Default.LoadReport),
        Text = LoadRenderer.Render,
        Table = Table,
    };

    private static TableData Table(LoadReport report)
    {
        var m = report.Measurement;
        return TableData.One(
            ["target", "connections", "active", "threads", "rate", "requests", "requestsPerSecond", "p50Micros", "p90Micros", "p99Micros", "p999Micros", "maxMicros", "correctedP99Micros", "errors"],
            [
                report.Target, Cells.Of(report.Load.Connections), Cells.Of(report.Load.Active), Cells.Of(report.Load.Threads), Cells.Of(report.Load.Rate),
                Cells.Of(m.Requests), Cells.Of(m.RequestsPerSecond), Cells.Of(m.Latency.P50Micros), Cells.Of(m.Latency.P90Micros), Cells.Of(m.Latency.P99Micros),
                Cells.Of(m.Latency.P999Micros), Cells.Of(m.Latency.MaxMicros), Cells.Of(m.CorrectedLatency?.P99Micros), Cells.Of(m.Errors.Total),
            ]) with
        {
            Before = LoadRenderer.Heading(report),
            After = LoadRenderer.Notes(report),
        };
    }
}
