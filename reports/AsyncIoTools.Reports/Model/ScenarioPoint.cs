namespace AsyncIoTools.Reports.Model;

/// <summary>One point of a scenario (its settings) and the rows measured there: engines in road order, each engine's cases in the scenario's order.</summary>
public sealed record ScenarioPoint(PointSettings Settings, IReadOnlyList<EngineRow> Rows)
{
    public int Connections => Settings.Connections;

    public int Active => Settings.Active;

    public IEnumerable<EngineRow> Completed => Rows.Where(r => r.Completed);

    /// <summary>More than one case, or a named one: rows must say which case they ran.</summary>
    public bool HasCases => Rows.Any(r => r.HasCase);

    /// <summary>The first row <paramref name="selector"/> names (see <see cref="EngineRow.Matches"/>).</summary>
    public EngineRow? Find(string selector) => Rows.FirstOrDefault(r => r.Matches(selector));
}
