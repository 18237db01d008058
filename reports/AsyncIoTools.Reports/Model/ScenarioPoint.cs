namespace AsyncIoTools.Reports.Model;

/// <summary>One point of a scenario (its connection counts) and the engines measured there, in road order.</summary>
public sealed record ScenarioPoint(int Connections, int Active, IReadOnlyList<EngineRow> Rows)
{
    public IEnumerable<EngineRow> Completed => Rows.Where(r => r.Completed);

    /// <summary>The first row <paramref name="selector"/> names (see <see cref="EngineRow.Matches"/>).</summary>
    public EngineRow? Find(string selector) => Rows.FirstOrDefault(r => r.Matches(selector));
}
