using System.Collections;
using AsyncIoTools.Failures;
using AsyncIoTools.Settings;

namespace AsyncIoTools.Cli.Tests.Settings;

/// <summary>Compares options setting by setting, so that a difference names the setting (lists by their items).</summary>
public static class SettingValues
{
    public static bool Same(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (string x, string y) => x == y,
        (IEnumerable x, IEnumerable y) => x.Cast<object>().SequenceEqual(y.Cast<object>()),
        _ => Equals(a, b),
    };

    public static IReadOnlyList<string> Differences<TOptions>(SettingTable<TOptions> table, TOptions expected, TOptions actual) =>
        table.Rules
            .Where(r => !Same(r.Read(expected), r.Read(actual)))
            .Select(r => $"{r.Setting}: expected {Show(r.Read(expected))}, got {Show(r.Read(actual))}")
            .ToList();

    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        IEnumerable items => "[" + string.Join(",", items.Cast<object>()) + "]",
        _ => value.ToString() ?? "null",
    };

    /// <summary>Settings whose value differs from the default in none of <paramref name="samples"/>: a generator that misses them proves nothing about them.</summary>
    public static IEnumerable<Setting> NeverVaried<TOptions>(SettingTable<TOptions> table, IEnumerable<TOptions> samples)
    {
        var list = samples.ToList();
        return table.Rules.Where(r => list.All(o => Same(r.Read(o), r.Read(table.Defaults)))).Select(r => r.Setting);
    }
}
