using System.Collections;
using System.Globalization;
using System.Net;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Settings;

/// <summary>
/// The one writer of a child process's aiotools command line (a server for the runner or a module job, a load shard):
/// every setting of the verb's table, defaults included, so a child of another build never falls back on its own
/// defaults, in a form the CLI's own parser reads back exactly (durations to the tick, numbers round-trip).
/// </summary>
public static class ChildArguments
{
    public static IReadOnlyList<string> Write<TOptions>(string verb, SettingTable<TOptions> table, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(table);
        var arguments = new List<string> { verb };
        foreach (var rule in table.Rules)
        {
            if ((rule.Write is { } write ? write(options) : Format(rule.Read(options))) is { } text)
            {
                arguments.AddRange([Flag(rule.Setting), text]);
            }
        }

        return arguments;
    }

    /// <summary>The CLI's spelling of a setting, the one the child's parser knows: <c>--message-size</c>.</summary>
    public static string Flag(Setting setting) => "--" + SettingNames.Kebab(setting);

    /// <summary>A value as the CLI reads it back; null for "not set".</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        Enum e => e.ToString().ToLowerInvariant(),
        IPAddress a => a.ToString(),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => items.Cast<object>().Any() ? string.Join(',', items.Cast<object>().Select(Format)) : null,
        _ => value.ToString(),
    };
}
