using System.CommandLine;
using System.Text.Json;
using AsyncIoTools.Cli.Rendering;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.Cli.Commands;

/// <summary><c>aiotools engines</c>: every engine and variant, whether it runs here, and why not.</summary>
internal static class EnginesCommand
{
    public static Command Create()
    {
        var json = SharedOptions.Json();
        var command = new Command("engines", "List the server engines and their variants, with why any is unavailable here.") { json };
        command.SetAction(parseResult =>
        {
            var engines = EngineRegistry.Default.Describe();
            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(engines, CliJsonContext.Default.IReadOnlyListEngineVariantInfo));
                return 0;
            }

            var table = new TextTable("ENGINE", "VARIANT", "AVAILABLE", "NOTES").Ruled();
            foreach (var engine in engines)
            {
                var notes = engine.Available ? engine.Description : engine.Reason;
                table.Add(engine.Engine, engine.IsDefault ? $"{engine.Variant} (default)" : engine.Variant, engine.Available ? "yes" : "no", notes);
            }

            Console.Out.Write(table.ToString());
            return 0;
        });
        return command;
    }
}
