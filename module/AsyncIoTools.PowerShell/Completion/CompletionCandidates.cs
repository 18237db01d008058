using AsyncIoTools.Benchmarks.Scenarios;
using AsyncIoTools.Engines.Contract;

namespace AsyncIoTools.PowerShell.Completion;

/// <summary>
/// What tab completion offers, read from the engine registry and the scenario catalogue (so a new engine or
/// scenario completes without a change here). Free of PowerShell's completion types so it can be tested alone.
/// </summary>
public static class CompletionCandidates
{
    /// <summary>Engine names starting with <paramref name="word"/>.</summary>
    public static IEnumerable<string> Engines(string? word) =>
        Matching(EngineRegistry.Default.Engines.Select(e => e.Name), word);

    /// <summary>Engine names and ENGINE:VARIANT pairs (what the benchmark's -Engine takes).</summary>
    public static IEnumerable<string> EngineSelections(string? word) =>
        Matching(EngineRegistry.Default.Engines.SelectMany(e => e.Variants.Select(v => $"{e.Name}:{v.Name}").Prepend(e.Name)), word);

    /// <summary>Variants of <paramref name="engines"/> (all engines' when none is given yet).</summary>
    public static IEnumerable<string> Variants(IEnumerable<string>? engines, string? word)
    {
        var named = (engines ?? []).Select(n => n.Split(':')[0]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var definitions = EngineRegistry.Default.Engines.Where(e => named.Count == 0 || named.Contains(e.Name));
        return Matching(definitions.SelectMany(e => e.Variants.Select(v => v.Name)).Distinct(StringComparer.Ordinal), word);
    }

    /// <summary>Built-in scenario names.</summary>
    public static IEnumerable<string> Scenarios(string? word) =>
        Matching(ScenarioCatalog.BuiltIn.Select(s => s.Name), word);

    /// <summary>The cases of a built-in scenario (none for an unknown one or a file).</summary>
    public static IEnumerable<string> Cases(string? scenario, string? word)
    {
        var found = ScenarioCatalog.BuiltIn.FirstOrDefault(s => s.Name == scenario);
        return Matching(found?.Cases?.Select(c => c.Name) ?? [], word);
    }

    /// <summary>The TCP congestion controls this kernel has (net.ipv4.tcp_available_congestion_control).</summary>
    public static IEnumerable<string> CongestionControls(string? word) =>
        Matching(AsyncIoTools.Engines.Sockets.CongestionControls.Listed(AsyncIoTools.Engines.Sockets.CongestionControls.AvailableSysctl), word);

    private static IEnumerable<string> Matching(IEnumerable<string> names, string? word)
    {
        var prefix = (word ?? string.Empty).Trim('\'', '"');
        return names.Where(n => n.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToArray();
    }
}
