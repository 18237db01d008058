using System.CommandLine;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary><c>aiotools ps</c>: the .NET processes that can be attached to, as dotnet-trace ps lists them.</summary>
public static class PsCommand
{
    public static Command Create()
    {
        var command = new Command("ps", "List the .NET processes that can be attached to: id, name, runtime version, command line.");
        command.SetAction(RenderedCommand.Tables, (_, renderer) =>
        {
            renderer.Document(DotNetProcessLister.List(), ProcessViews.List);
            return 0;
        });
        return command;
    }
}
