using System.CommandLine;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Cli.Rendering.Diagnostics;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary><c>aiotools ps</c>: the .NET processes that can be attached to, as dotnet-trace ps lists them.</summary>
public static class PsCommand
{
    public static Command Create()
    {
        var json = DiagnosticsOptions.Json();
        var command = new Command("ps", "List the .NET processes that can be attached to: id, name, runtime version, command line.") { json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var processes = DotNetProcessLister.List();
            await Console.Out.WriteLineAsync(parseResult.GetValue(json) ? JsonReport.Serialize(processes) : ProcessListTextRenderer.Render(processes));
            return 0;
        });
        return command;
    }
}
