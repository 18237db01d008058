using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using AsyncIoTools.Settings;

namespace AsyncIoTools.Diagnostics.Blocking;

/// <summary>The settings of <c>blocking</c> (<c>Get-BlockingCall</c>): defaults and bounds.</summary>
public static class BlockingSettings
{
    /// <summary>The shortest recording: the sample profiler and rundown need that long to say anything.</summary>
    public static readonly TimeSpan MinDuration = TimeSpan.FromMilliseconds(100);

    public static BlockingOptions Defaults { get; } = new();

    public static SettingTable<BlockingOptions> Table { get; } = new(
        Defaults,
        [
            new(Setting.ProcessId, nameof(BlockingOptions.ProcessId), o => o.ProcessId) { Minimum = 1 },
            new(Setting.Name, nameof(BlockingOptions.ProcessName), o => o.ProcessName),
            new(Setting.Duration, nameof(BlockingOptions.Duration), o => o.Duration) { Minimum = MinDuration.TotalSeconds },
            new(Setting.Top, nameof(BlockingOptions.Top), o => o.Top) { Minimum = 1 },
            new(Setting.AllThreads, nameof(BlockingOptions.AllThreads), o => o.AllThreads),
            new(Setting.TraceOut, nameof(BlockingOptions.TraceOut), o => o.TraceOut),
            new(Setting.DiagnosticPort, nameof(BlockingOptions.DiagnosticPort), o => o.DiagnosticPort),
        ],
        new Dictionary<string, string>
        {
            [nameof(BlockingOptions.LaunchCommand)] = DiagnosticsCodeOnly.LaunchCommand,
            [nameof(BlockingOptions.LaunchDirectory)] = DiagnosticsCodeOnly.LaunchDirectory,
            [nameof(BlockingOptions.BufferMegabytes)] = "The runtime's session buffer, sized for stacks on every wait of a busy server; a person has nothing to tune there.",
        });
}
