using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using AsyncIoTools.Settings;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>The settings of <c>diagnose</c> (<c>Invoke-Diagnosis</c>): defaults, bounds, and the rule between them.</summary>
public static class DiagnoseSettings
{
    /// <summary>The shortest diagnosis: lag and blocking both need a second of a busy process to say anything.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromSeconds(1);

    public static DiagnoseOptions Defaults { get; } = new();

    public static SettingTable<DiagnoseOptions> Table { get; } = new(
        Defaults,
        [
            new(Setting.ProcessId, nameof(DiagnoseOptions.ProcessId), o => o.ProcessId) { Minimum = 1 },
            new(Setting.Name, nameof(DiagnoseOptions.ProcessName), o => o.ProcessName),
            new(Setting.Duration, nameof(DiagnoseOptions.Duration), o => o.Duration) { Minimum = MinDuration.TotalSeconds },
            new(Setting.Interval, nameof(DiagnoseOptions.Interval), o => o.Interval) { Minimum = Lag.LagSettings.MinInterval.TotalSeconds },
            new(Setting.Top, nameof(DiagnoseOptions.Top), o => o.Top) { Minimum = 1 },
            new(Setting.TraceOut, nameof(DiagnoseOptions.TraceOut), o => o.TraceOut),
        ],
        new Dictionary<string, string>
        {
            [nameof(DiagnoseOptions.DiagnosticPort)] = DiagnosticsCodeOnly.DiagnosticPort,
            [nameof(DiagnoseOptions.LaunchCommand)] = DiagnosticsCodeOnly.DiagnosticPort,
            [nameof(DiagnoseOptions.LaunchDirectory)] = DiagnosticsCodeOnly.DiagnosticPort,
        });

    /// <summary>Throws the first problem: a setting out of its bounds, or an interval longer than the diagnosis.</summary>
    public static void Validate(DiagnoseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Table.Validate(options);
        if (options.Interval > options.Duration)
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"{Setting.Interval} must be at most {Setting.Duration}");
        }
    }
}
