using System.CommandLine;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Cli.Hosting;
using AsyncIoTools.Cli.Rendering.Views;

namespace AsyncIoTools.Cli.Commands;

/// <summary><c>aiotools scenarios</c>: the built-in scenario catalogue, one line each.</summary>
internal static class ScenariosCommand
{
    public static Command Create()
    {
        var command = new Command("scenarios", "List the built-in benchmark scenarios (run one with 'aiotools bench --scenario NAME').");
        command.SetAction(RenderedCommand.Tables, (_, renderer) =>
        {
            renderer.Document(ScenarioCatalog.BuiltIn, ScenarioViews.List);
            return 0;
        });
        return command;
    }
}
