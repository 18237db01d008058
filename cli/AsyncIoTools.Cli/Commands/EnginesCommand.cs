using System.CommandLine;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering.Views;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Cli.Commands;

/// <summary><c>aiotools engines</c>: every engine and variant, whether it runs here, and why not.</summary>
internal static class EnginesCommand
{
    public static Command Create()
    {
        var command = new Command("engines", "List the server engines and their variants, with why any is unavailable here.");
        command.SetAction(RenderedCommand.Tables, (_, renderer) =>
        {
            renderer.Document(EngineRegistry.Default.Describe(), EngineViews.List);
            return 0;
        });
        return command;
    }
}
