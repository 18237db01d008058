using System.Globalization;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Cli.Rendering.Diagnostics;

/// <summary><c>aiotools ps</c> for people: one row per process with a diagnostics endpoint.</summary>
public static class ProcessListTextRenderer
{
    public static string Render(IReadOnlyList<DotNetProcess> processes)
    {
        ArgumentNullException.ThrowIfNull(processes);
        if (processes.Count == 0)
        {
            return "No .NET process with a diagnostics endpoint is visible to this user.";
        }

        var table = new TextTable("pid", "name", "runtime", "command line");
        foreach (var p in processes)
        {
            table.Add(p.ProcessId.ToString(CultureInfo.InvariantCulture), p.Name, p.RuntimeVersion, p.Attachable ? Shorten(p.CommandLine) : $"(cannot attach: {p.Note})");
        }

        return table.ToString().TrimEnd('\n');
    }

    private static string Shorten(string commandLine) => commandLine.Length <= 100 ? commandLine : string.Concat(commandLine.AsSpan(0, 97), "...");
}
