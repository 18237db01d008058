using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Failures;
using AsyncIoTools.Settings;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>The settings of <c>watch</c> (<c>Wait-Incident</c>): defaults, bounds, and the rule between them.</summary>
public static class WatchSettings
{
    /// <summary>The shortest capture: a blocking profile shorter than this rarely holds the culprit's stacks.</summary>
    public static readonly TimeSpan MinCapture = TimeSpan.FromSeconds(1);

    public static WatchOptions Defaults { get; } = new();

    public static SettingTable<WatchOptions> Table { get; } = new(
        Defaults,
        [
            new(Setting.ProcessId, "Lag.ProcessId,Lag.ProcessIds", o => LagSettings.Ids(o.Lag.ProcessId, o.Lag.ProcessIds)) { Minimum = 1 },
            new(Setting.Name, "Lag.ProcessName,Lag.ProcessNames", o => LagSettings.Names(o.Lag.ProcessName, o.Lag.ProcessNames)),
            new(Setting.Duration, "Lag.Duration", o => o.Lag.Duration),
            new(Setting.Interval, "Lag.Interval", o => o.Lag.Interval) { Minimum = LagSettings.MinInterval.TotalSeconds },
            new(Setting.P99Over, "Rules.P99Over", o => o.Rules.P99Over) { Minimum = 0 },
            new(Setting.For, "Rules.For", o => o.Rules.For) { Minimum = 0 },
            new(Setting.OldestOver, "Rules.OldestOver", o => o.Rules.OldestOver) { Minimum = 0 },
            new(Setting.ThreadsClimb, "Rules.ThreadsClimb", o => o.Rules.ThreadsClimb) { Minimum = 0 },
            new(Setting.Capture, nameof(WatchOptions.Capture), o => o.Capture) { Minimum = MinCapture.TotalSeconds },
            new(Setting.Cooldown, nameof(WatchOptions.Cooldown), o => o.Cooldown) { Minimum = 0 },
            new(Setting.MaxDisk, nameof(WatchOptions.MaxDiskBytes), o => o.MaxDiskBytes) { Minimum = 1 },
            new(Setting.OutputPath, nameof(WatchOptions.OutputDirectory), o => o.OutputDirectory),
        ],
        CodeOnly());

    /// <summary>Throws the first problem: a setting out of its bounds, or every rule turned off.</summary>
    public static void Validate(WatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Table.Validate(options);
        var rules = options.Rules;
        if (rules.P99Over == TimeSpan.Zero && rules.OldestOver == TimeSpan.Zero && rules.ThreadsClimb == 0)
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"every rule is off: give {Setting.P99Over}, {Setting.OldestOver} or {Setting.ThreadsClimb}");
        }
    }

    /// <summary>
    /// The lag session's other settings, which a watch leaves at lag's defaults (its own outputs are the incident's),
    /// and the command line, which each face records.
    /// </summary>
    private static Dictionary<string, string> CodeOnly()
    {
        var watched = new HashSet<string>(["ProcessId", "ProcessIds", "ProcessName", "ProcessNames", "Duration", "Interval"], StringComparer.Ordinal);
        var codeOnly = LagSettings.Table.Rules.SelectMany(r => r.Property.Split(',')).Concat(LagSettings.Table.CodeOnly.Keys)
            .Where(p => !watched.Contains(p))
            .ToDictionary(p => "Lag." + p, _ => "A watch runs lag's low-cost session on its defaults; its outputs are the incident's (report, trace, interval log).", StringComparer.Ordinal);
        codeOnly[nameof(WatchOptions.CommandLine)] = "Recorded in each incident as how to repeat the watch: each face fills in what its user typed.";
        return codeOnly;
    }
}
