using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Hosting;

namespace AsyncIoTools.Cli.Rendering.Views;

/// <summary><c>aiotools engines</c>: every engine and variant, whether it runs here, and why not.</summary>
internal static class EngineViews
{
    public static readonly View<IReadOnlyList<EngineVariantInfo>> List = new()
    {
        Json = View.Json(EnginesJsonContext.Default.IReadOnlyListEngineVariantInfo),
        Text = Text,
        Table = engines => new TableData(
            ["engine", "variant", "isDefault", "available", "reason", "description"],
            [.. engines.Select(e => (IReadOnlyList<string>)[e.Engine, e.Variant, Cells.Of(e.IsDefault), Cells.Of(e.Available), e.Reason ?? string.Empty, e.Description])]),
    };

    private static string Text(IReadOnlyList<EngineVariantInfo> engines)
    {
        var table = new TextTable("ENGINE", "VARIANT", "AVAILABLE", "NOTES").Ruled();
        foreach (var engine in engines)
        {
            var notes = engine.Available ? engine.Description : engine.Reason;
            table.Add(engine.Engine, engine.IsDefault ? $"{engine.Variant} (default)" : engine.Variant, engine.Available ? "yes" : "no", notes);
        }

        return table.ToString();
    }
}
