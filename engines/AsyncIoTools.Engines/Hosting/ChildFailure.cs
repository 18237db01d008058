using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Engines.Hosting;

/// <summary>
/// A child server's one-line failure, made a failure of ours again: the child spells the settings it names as the
/// CLI does (<c>--congestion-control</c>), and each option that is a <see cref="Setting"/> becomes that setting
/// again, so the module's user reads <c>-CongestionControl</c> and the CLI's reads what the child wrote.
/// </summary>
internal static partial class ChildFailure
{
    private static readonly Dictionary<string, Setting> ByOption =
        Enum.GetValues<Setting>().ToDictionary(s => "--" + SettingNames.Kebab(s), StringComparer.Ordinal);

    public static AsyncIoToolsException From(FailureKind kind, string message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var format = new StringBuilder(message.Length + 8);
        var settings = new List<object?>();
        var last = 0;
        foreach (Match option in Option().Matches(message))
        {
            if (ByOption.TryGetValue(option.Value, out var setting))
            {
                format.Append(Escape(message[last..option.Index])).Append('{').Append(settings.Count).Append('}');
                settings.Add(setting);
                last = option.Index + option.Length;
            }
        }

        format.Append(Escape(message[last..]));
        return settings.Count == 0
            ? new AsyncIoToolsException(kind, message)
            : AsyncIoToolsException.ForSettings(kind, FormattableStringFactory.Create(format.ToString(), [.. settings]));
    }

    private static string Escape(string text) => text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);

    [GeneratedRegex("--[a-z][a-z0-9-]*(?![a-z0-9-])")]
    private static partial Regex Option();
}
