using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics;
using AsyncIoTools.Diagnostics.Blocking;

namespace AsyncIoTools.Cli.Rendering.Views;

/// <summary><c>aiotools blocking</c>: one row per blocking site (text: <see cref="BlockingTextRenderer"/>).</summary>
internal static class BlockingViews
{
    public static readonly View<BlockingReport> Report = new()
    {
        Json = View.Json(DiagnosticsJsonContext.Default.BlockingReport),
        Text = report => BlockingTextRenderer.Render(report) + "\n",
        Table = report =>
        {
            var text = Cells.Lines(BlockingTextRenderer.Render(report));
            return new TableData(
                ["kind", "method", "via", "count", "blockedMilliseconds"],
                [.. report.Sites.Select(s => (IReadOnlyList<string>)[Cells.Camel(s.Kind), s.Method, s.Via, Cells.Of(s.Count), Cells.Of(s.BlockedMilliseconds)])])
            {
                Before = text.Take(2).ToList(),
                After = report.TraceFile is null ? [] : [$"Trace kept in {report.TraceFile}"],
            };
        },
    };
}
