using System.Globalization;
using AsyncIoTools.Results;

namespace AsyncIoTools.Cli.Rendering.Views;

/// <summary><c>aiotools scenarios</c>: the built-in scenario catalogue, one line each.</summary>
internal static class ScenarioViews
{
    public static readonly View<IReadOnlyList<BenchmarkScenario>> List = new()
    {
        Json = View.Json(ResultsJsonContext.Default.IReadOnlyListBenchmarkScenario),
        Text = Text,
        Table = scenarios => new TableData(
            ["name", "protocol", "connections", "active", "cases", "sweep", "description"],
            [.. scenarios.Select(s => (IReadOnlyList<string>)[s.Name, Protocol(s), Cells.Of(s.Connections), Cells.Of(s.Active), Cases(s, string.Empty), Sweep(s, string.Empty), s.Description ?? string.Empty])]),
    };

    private static string Text(IReadOnlyList<BenchmarkScenario> scenarios)
    {
        var table = new TextTable("SCENARIO", "PROTOCOL", "CONNECTIONS", "CASES", "SWEEP", "DESCRIPTION").AlignRight("CONNECTIONS").Ruled();
        foreach (var s in scenarios)
        {
            table.Add(
                s.Name,
                Protocol(s),
                s.Active is { } active ? string.Create(CultureInfo.InvariantCulture, $"{s.Connections:#,0} ({active:#,0} active)") : s.Connections.ToString("#,0", CultureInfo.InvariantCulture),
                Cases(s, "-"),
                Sweep(s, "-"),
                s.Description);
        }

        return table.ToString();
    }

    private static string Protocol(BenchmarkScenario s) => s.Protocol.ToString().ToLowerInvariant();

    private static string Cases(BenchmarkScenario s, string none) => s.Cases is { Count: > 0 } cases ? string.Join(",", cases.Select(c => c.Name)) : none;

    private static string Sweep(BenchmarkScenario s, string none) => s.Sweep is { } sweep ? $"{sweep.Parameter}={string.Join(",", sweep.Values)}" : none;
}
