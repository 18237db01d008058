using AsyncIoTools.Results;

namespace AsyncIoTools.Cli.Rendering.Views;

/// <summary><c>aiotools bench</c>: one row per run (text: <see cref="BenchRenderer"/>); the path is where the result file went.</summary>
internal static class BenchViews
{
    public static View<BenchmarkResult> Result(string? path) => new()
    {
        Json = View.Json(ResultsJsonContext.Default.BenchmarkResult),
        Text = result => BenchRenderer.Render(result, path),
        Table = result => Table(result, path),
    };

    private static TableData Table(BenchmarkResult result, string? path)
    {
        var rows = result.Runs.Select(run =>
        {
            var p = BenchRenderer.PointOf(run, result.Scenario);
            return (IReadOnlyList<string>)
            [
                run.Engine, run.Variant ?? string.Empty, run.Case, run.SweepParameter ?? string.Empty, Cells.Of(run.SweepValue), run.Status.ToString(),
                Cells.Of(p?.Connections ?? run.Connections), Cells.Of(p?.RequestsPerSecond), Cells.Of(p?.P50Micros), Cells.Of(p?.P99Micros),
                Cells.Of(p?.CpuMicrosPerRequest), Cells.Of(p?.SyscallsPerRequest), Cells.Of(p?.RssBytesPerConnection), Cells.Of(p?.SegmentsPerRequest),
                Cells.Of(p?.MebibytesPerSecond), Cells.Of(p?.CpuMicrosPerMebibyte), p is null ? string.Empty : Cells.Of(p.Errors), run.Reason ?? string.Empty,
            ];
        });
        return new TableData(
            [
                "engine", "variant", "case", "sweepParameter", "sweepValue", "status", "connections", "requestsPerSecond", "p50Micros", "p99Micros",
                "cpuMicrosPerRequest", "syscallsPerRequest", "rssBytesPerConnection", "segmentsPerRequest", "mebibytesPerSecond", "cpuMicrosPerMebibyte", "errors", "reason",
            ],
            [.. rows])
        {
            Before = BenchRenderer.Heading(result),
            After = BenchRenderer.Notes(result, path),
        };
    }
}
