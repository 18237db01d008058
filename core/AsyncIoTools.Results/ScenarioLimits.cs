using System.Globalization;
using System.Text.Json.Serialization;
using AsyncIoTools.Failures;
using AsyncIoTools.Text;

namespace AsyncIoTools.Results;

/// <summary>
/// The server limits a scenario sets (a scenario file's <c>limits</c>, or <c>bench --limit NAME=VALUE</c>); a value
/// left out keeps the server's default.
/// </summary>
public sealed record ScenarioLimits
{
    /// <summary>The names <c>--limit</c> takes, as the scenario file spells them (without the unit suffix).</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["headTimeout", "keepAliveTimeout", "minReceiveRate", "minReceiveRateGrace", "maxConnections", "maxHeadBytes", "maxBodyBytes"];

    public double? HeadTimeoutSeconds { get; init; }

    public double? KeepAliveTimeoutSeconds { get; init; }

    public int? MinReceiveRate { get; init; }

    public double? MinReceiveRateGraceSeconds { get; init; }

    public int? MaxConnections { get; init; }

    public int? MaxHeadBytes { get; init; }

    public long? MaxBodyBytes { get; init; }

    [JsonIgnore]
    public bool IsEmpty => this == new ScenarioLimits();

    /// <summary>These values, with <paramref name="overrides"/>' given ones in their place.</summary>
    public ScenarioLimits With(ScenarioLimits overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return new ScenarioLimits
        {
            HeadTimeoutSeconds = overrides.HeadTimeoutSeconds ?? HeadTimeoutSeconds,
            KeepAliveTimeoutSeconds = overrides.KeepAliveTimeoutSeconds ?? KeepAliveTimeoutSeconds,
            MinReceiveRate = overrides.MinReceiveRate ?? MinReceiveRate,
            MinReceiveRateGraceSeconds = overrides.MinReceiveRateGraceSeconds ?? MinReceiveRateGraceSeconds,
            MaxConnections = overrides.MaxConnections ?? MaxConnections,
            MaxHeadBytes = overrides.MaxHeadBytes ?? MaxHeadBytes,
            MaxBodyBytes = overrides.MaxBodyBytes ?? MaxBodyBytes,
        };
    }

    /// <summary>Reads <c>NAME=VALUE</c> items (durations as 10s, 500ms; sizes and counts as whole numbers); a bad one is a usage failure naming it.</summary>
    public static ScenarioLimits Parse(IEnumerable<string> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var limits = new ScenarioLimits();
        foreach (var assignment in assignments)
        {
            var parts = assignment.Split('=', 2, StringSplitOptions.TrimEntries);
            var name = parts[0];
            var text = parts.Length == 2 ? parts[1] : string.Empty;
            if (!Names.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                throw Bad($"{Setting.Limit} '{assignment}': no limit '{name}'; limits: {string.Join(", ", Names)}");
            }

            limits = name.ToUpperInvariant() switch
            {
                "HEADTIMEOUT" => limits with { HeadTimeoutSeconds = Seconds(assignment, text) },
                "KEEPALIVETIMEOUT" => limits with { KeepAliveTimeoutSeconds = Seconds(assignment, text) },
                "MINRECEIVERATEGRACE" => limits with { MinReceiveRateGraceSeconds = Seconds(assignment, text) },
                "MINRECEIVERATE" => limits with { MinReceiveRate = (int)Whole(assignment, text, int.MaxValue) },
                "MAXCONNECTIONS" => limits with { MaxConnections = (int)Whole(assignment, text, int.MaxValue) },
                "MAXHEADBYTES" => limits with { MaxHeadBytes = (int)Whole(assignment, text, int.MaxValue) },
                _ => limits with { MaxBodyBytes = Whole(assignment, text, long.MaxValue) },
            };
        }

        return limits;
    }

    private static double Seconds(string assignment, string text) =>
        Durations.TryParse(text, out var duration) ? duration.TotalSeconds : throw Bad($"{Setting.Limit} '{assignment}': '{text}' is not a duration; use e.g. 500ms, 10s, 2m");

    private static long Whole(string assignment, string text, long max) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value <= max
            ? value
            : throw Bad($"{Setting.Limit} '{assignment}': '{text}' is not a whole number from 0 to {max}");

    private static AsyncIoToolsException Bad(FormattableString message) => AsyncIoToolsException.ForSettings(FailureKind.Usage, message);
}
