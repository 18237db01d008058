using System.Globalization;
using AsyncIoTools.Reports.Inputs;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Reports.Model;

/// <summary>
/// Sorts runs from any number of result documents into scenarios (same name and workload), points (the values of
/// the parameters a sweep may vary, <see cref="PointSettings"/>) and rows (engine, variant and case). A row measured
/// more than once keeps its latest measurement, and a warning names both sources: mixing trials of separate runs
/// would hide how far they differ.
/// </summary>
public static class ResultGrouping
{
    public static IReadOnlyList<ScenarioGroup> Group(IEnumerable<ReportSource> sources, ICollection<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(warnings);
        var groups = new Dictionary<string, (string Name, BenchmarkScenario Scenario, string Workload)>(StringComparer.Ordinal);
        var rows = new Dictionary<(string Group, PointSettings Point, string Row), EngineRow>();
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
                var point = PointSettings.Of(run, scenario);
                var key = (groupKey, point, row.Label);
                if (rows.TryGetValue(key, out var earlier))
                {
                    warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{row.Label} in {name} at {PointText.Of(point.Connections, point.Active)} is in {earlier.Source.Origin} and {source.Origin}; the later ({source.Origin}) is shown"));
                }

                rows[key] = row;
                firstSeen.TryAdd(row.Name, firstSeen.Count);
            }
        }

        var sharedNames = groups.Values.GroupBy(g => g.Name, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        return groups
            .OrderBy(g => g.Value.Name, StringComparer.Ordinal)
            .ThenBy(g => g.Value.Workload, StringComparer.Ordinal)
            .Select(g =>
            {
                var (name, scenario, workload) = g.Value;
                var points = rows.Where(r => r.Key.Group == g.Key)
                    .GroupBy(r => r.Key.Point)
                    .OrderBy(p => p.Key.Connections)
                    .ThenBy(p => p.Key.Active)
                    .ThenBy(p => p.Key.Rate ?? -1)
                    .ThenBy(p => p.Key.Pipeline)
                    .ThenBy(p => p.Key.MessageBytes)
                    .Select(p => new ScenarioPoint(
                        p.Key,
                        p.Select(r => r.Value)
                            .OrderBy(r => EngineOrder.Rank(r.Engine))
                            .ThenBy(r => r.Engine, StringComparer.Ordinal)
                            .ThenBy(r => firstSeen[r.Name])
                            .ThenBy(r => ScenarioGroup.CaseRank(scenario, r.Case))
                            .ThenBy(r => r.Case, StringComparer.Ordinal)
                            .ToList()))
                    .ToList();
                return new ScenarioGroup(sharedNames.Contains(name) ? $"{name} ({workload})" : name, scenario, workload, points);
            })
            .ToList();
    }

    /// <summary>
    /// What the clients did that no sweep varies, in words: the part of a scenario that must match for rows to be
    /// compared. Connections, rate, pipeline depth and message size are a point's settings, not the workload's.
    /// </summary>
    public static string Workload(BenchmarkScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var protocol = scenario.Protocol.ToString().ToLowerInvariant();
        var parts = new List<string> { scenario.Protocol == ProtocolKind.File && scenario.File is { } file ? $"{protocol} ({Text.Units.Bytes(file.SizeBytes)})" : protocol };

        parts.Add(scenario.RequestsPerConnection > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{scenario.RequestsPerConnection:#,0} request(s) per connection")
            : "keep-alive");
        return string.Join(", ", parts);
    }
}
