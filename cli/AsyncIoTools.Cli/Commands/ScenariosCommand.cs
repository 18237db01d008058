using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Cli.Rendering;

namespace AsyncIoTools.Cli.Commands;

/// <summary><c>aiotools scenarios</c>: the built-in scenario catalogue, one line each.</summary>
internal static class ScenariosCommand
{
    public static Command Create()
    {
        var json = SharedOptions.Json();
        var command = new Command("scenarios", "List the built-in benchmark scenarios (run one with 'aiotools bench --scenario NAME').") { json };
        command.SetAction(parseResult =>
        {
            var scenarios = ScenarioCatalog.BuiltIn;
            if (parseResult.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(scenarios, CliJsonContext.Default.IReadOnlyListBenchmarkScenario));
                return 0;
            }

            var table = new TextTable("SCENARIO", "PROTOCOL", "CONNECTIONS", "CASES", "SWEEP", "DESCRIPTION").AlignRight("CONNECTIONS").Ruled();
            foreach (var s in scenarios)
            {
                table.Add(
                    s.Name,
                    s.Protocol.ToString().ToLowerInvariant(),
                    s.Active is { } active ? string.Create(CultureInfo.InvariantCulture, $"{s.Connections:#,0} ({active:#,0} active)") : s.Connections.ToString("#,0", CultureInfo.InvariantCulture),
                    s.Cases is { Count: > 0 } cases ? string.Join(",", cases.Select(c => c.Name)) : "-",
                    s.Sweep is { } sweep ? $"{sweep.Parameter}={string.Join(",", sweep.Values)}" : "-",
                    s.Description);
            }

            Console.Out.Write(table.ToString());
            return 0;
        });
        return command;
    }
}
