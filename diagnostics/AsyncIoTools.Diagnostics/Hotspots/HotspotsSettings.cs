using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using AsyncIoTools.Settings;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>The settings of <c>hotspots</c> (<c>Get-AsyncHotspot</c>): defaults and bounds.</summary>
public static class HotspotsSettings
{
    /// <summary>The shortest trace (or run of an app before its snapshot), as blocking's shortest recording.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromMilliseconds(100);

    /// <summary>The shortest heap-walk timeout: any positive one is taken, to the millisecond.</summary>
    public static readonly TimeSpan MinTimeout = TimeSpan.FromMilliseconds(1);

    public static HotspotsOptions Defaults { get; } = new();

    public static SettingTable<HotspotsOptions> Table { get; } = new(
        Defaults,
        [
            new(Setting.ProcessId, nameof(HotspotsOptions.ProcessId), o => o.ProcessId) { Minimum = 1 },
            new(Setting.Name, nameof(HotspotsOptions.ProcessName), o => o.ProcessName),
            new(Setting.Top, nameof(HotspotsOptions.Top), o => o.Top) { Minimum = 1 },
            new(Setting.Trace, nameof(HotspotsOptions.Trace), o => o.Trace),
            new(Setting.Duration, nameof(HotspotsOptions.Duration), o => o.Duration) { Minimum = MinDuration.TotalSeconds },
            new(Setting.Timeout, nameof(HotspotsOptions.Timeout), o => o.Timeout) { Minimum = MinTimeout.TotalSeconds },
            new(Setting.DiagnosticPort, nameof(HotspotsOptions.DiagnosticPort), o => o.DiagnosticPort),
        ],
        new Dictionary<string, string>
        {
            [nameof(HotspotsOptions.LaunchCommand)] = DiagnosticsCodeOnly.LaunchCommand,
            [nameof(HotspotsOptions.LaunchDirectory)] = DiagnosticsCodeOnly.LaunchDirectory,
            [nameof(HotspotsOptions.EventBudget)] = "How many async-call events a second the trace follows in full before it samples: a bound on its cost to the target (about 1 µs of CPU each), not a figure a person tunes; tests lower it to see the sampling.",
        });
}
