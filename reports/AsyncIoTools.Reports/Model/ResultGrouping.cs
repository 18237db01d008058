using System.Globalization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Reports.Inputs;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// Sorts runs from any number of result documents into scenarios (same name and workload), points (connection
/// counts) and rows (engine and variant). A row measured more than once keeps its latest measurement, and a
/// warning names both sources: mixing trials of separate runs would hide how far they differ.
/// </summary>
public static class ResultGrouping
{
    public static IReadOnlyList<ScenarioGroup> Group(IEnumerable<ReportSource> sources, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(warnings);
        var groups = new Dictionary<string, (string Name, BenchmarkScenario Scenario, string Workload)>(StringComparer.Ordinal);
        var rows = new Dictionary<(string Group, int Connections, int Active, string Row), EngineRow>();
        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var source in sources.OrderBy(s => s.Result.StartedAt).ThenBy(s => s.Origin, StringComparer.Ordinal))
        {
            var scenario = source.Result.Scenario;
            foreach (var run in source.Result.Runs)
            {
                var name = string.IsNullOrWhiteSpace(run.Summary?.Scenario) ? scenario.Name : run.Summary.Scenario;
                var workload = Workload(scenario);
                var groupKey = name + "\n" + workload;
                groups[groupKey] = (name, scenario, workload);
                var row = EngineRow.From(run, source);
                var connections = run.Connections > 0 ? run.Connections : scenario.Connections;
                var active = run.Active > 0 ? run.Active : scenario.EffectiveActive;
                var key = (groupKey, connections, active, row.Name);
                if (rows.TryGetValue(key, out var earlier))
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Name} in {name} at {connections:#,0} connections is in {earlier.Source.Origin} and {source.Origin}; the later ({source.Origin}) is shown"));
                }

                rows[key] = row;
                firstSeen.TryAdd(row.Name, firstSeen.Count);
            }
        }

        var sharedNames = groups.Values.GroupBy(g => g.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return groups
            .OrderBy(g => g.Value.Name, StringComparer.Ordinal)
            .ThenBy(g => g.Value.Workload, StringComparer.Ordinal)
            .Select(g => new ScenarioGroup(
                sharedNames.Contains(g.Value.Name) ? $"{g.Value.Name} ({g.Value.Workload})" : g.Value.Name,
                g.Value.Scenario,
                g.Value.Workload,
                rows.Where(r => r.Key.Group == g.Key)
                    .GroupBy(r => (r.Key.Connections, r.Key.Active))
                    .OrderBy(p => p.Key.Connections)
                    .ThenBy(p => p.Key.Active)
                    .Select(p => new ScenarioPoint(
                        p.Key.Connections,
                        p.Key.Active,
                        p.Select(r => r.Value).OrderBy(r => EngineOrder.Rank(r.Engine)).ThenBy(r => r.Engine, StringComparer.Ordinal).ThenBy(r => firstSeen[r.Name]).ToList()))
                    .ToList()))
            .ToList();
    }

    /// <summary>What the clients did, in words: the part of a scenario that must match for rows to be compared.</summary>
    public static string Workload(BenchmarkScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var parts = new List<string> { scenario.Protocol.ToString().ToLowerInvariant() };
        if (scenario.Protocol == Engines.Protocols.ProtocolKind.Echo)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{scenario.MessageBytes:#,0} B messages"));
        }

        if (scenario.Pipeline > 1)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"pipeline {scenario.Pipeline}"));
        }

        parts.Add(scenario.RequestsPerConnection > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{scenario.RequestsPerConnection:#,0} request(s) per connection")
            : "keep-alive");
        parts.Add(scenario.Rate is { } rate ? string.Create(CultureInfo.InvariantCulture, $"constant {rate:#,0} req/s") : "closed loop");
        return string.Join(", ", parts);
    }
}
