using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Cli.Rendering.Views;

/// <summary><c>aiotools ps</c>: one row per process with a diagnostics endpoint.</summary>
internal static class ProcessViews
{
    public static readonly View<IReadOnlyList<DotNetProcess>> List = new()
    {
        Json = View.Json(DiagnosticsJsonContext.Default.IReadOnlyListDotNetProcess),
        Text = processes => ProcessListTextRenderer.Render(processes) + "\n",
        Table = processes => new TableData(
            ["processId", "name", "runtimeVersion", "attachable", "commandLine", "note"],
            [.. processes.Select(p => (IReadOnlyList<string>)[Cells.Of(p.ProcessId), p.Name, p.RuntimeVersion, Cells.Of(p.Attachable), p.CommandLine, p.Note ?? string.Empty])]),
    };
}
