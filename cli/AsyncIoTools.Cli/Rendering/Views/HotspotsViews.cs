using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics;
using AsyncIoTools.Diagnostics.Hotspots;

namespace AsyncIoTools.Cli.Rendering.Views;

/// <summary><c>aiotools hotspots</c>: pending async calls per method; with --trace, timed calls per method.</summary>
internal static class HotspotsViews
{
    public static readonly View<HotspotsReport> Report = new()
    {
        Json = View.Json(DiagnosticsJsonContext.Default.HotspotsReport),
        Text = report => HotspotsTextRenderer.Render(report) + "\n",
        Table = report => new TableData(
            ["pending", "method", "states", "awaiting", "declaringType"],
            [.. report.Methods.Select(m => (IReadOnlyList<string>)[Cells.Of(m.Pending), m.Method, HotspotsTextRenderer.Counts(m.States), HotspotsTextRenderer.Counts(m.Awaiting), m.DeclaringType])])
        {
            Before = Cells.Lines(HotspotsTextRenderer.Render(report)).Take(2).ToList(),
        },
    };

    public static readonly View<AsyncCallTraceReport> Trace = new()
    {
        Json = View.Json(DiagnosticsJsonContext.Default.AsyncCallTraceReport),
        Text = report => AsyncCallTraceTextRenderer.Render(report) + "\n",
        Table = report => new TableData(
            ["method", "started", "completed", "failed", "openAtEnd", "meanMilliseconds", "p99Milliseconds", "maxMilliseconds"],
            [.. report.Methods.Select(m => (IReadOnlyList<string>)[m.Method, Cells.Of(m.Started), Cells.Of(m.Completed), Cells.Of(m.Failed), Cells.Of(m.OpenAtEnd), Cells.Of(m.MeanMilliseconds), Cells.Of(m.P99Milliseconds), Cells.Of(m.MaxMilliseconds)])])
        {
            Before = Cells.Lines(AsyncCallTraceTextRenderer.Render(report)).Take(2).ToList(),
        },
    };
}
