using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using AsyncIoTools.Settings;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>The settings of <c>lag</c> (<c>Get-EventLoopLag</c>): defaults, bounds, and the rules between settings.</summary>
public static class LagSettings
{
    /// <summary>The shortest interval: the runtime's counters and a histogram per interval need some events to say anything.</summary>
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>The smallest threshold: delays are measured in microseconds.</summary>
    public static readonly TimeSpan MinThreshold = TimeSpan.FromTicks(TimeSpan.TicksPerMicrosecond);

    public const int MaxBufferMegabytes = 1024;

    public static LagOptions Defaults { get; } = new();

    public static SettingTable<LagOptions> Table { get; } = new(
        Defaults,
        [
            new(Setting.ProcessId, "ProcessId,ProcessIds", o => Ids(o.ProcessId, o.ProcessIds)) { Minimum = 1 },
            new(Setting.Name, "ProcessName,ProcessNames", o => Names(o.ProcessName, o.ProcessNames)),
            new(Setting.All, nameof(LagOptions.AllProcesses), o => o.AllProcesses),
            new(Setting.User, nameof(LagOptions.User), o => o.User),
            new(Setting.Duration, nameof(LagOptions.Duration), o => o.Duration),
            new(Setting.Interval, nameof(LagOptions.Interval), o => o.Interval) { Minimum = MinInterval.TotalSeconds },
            new(Setting.Watch, nameof(LagOptions.Watch), o => o.Watch),
            new(Setting.Threshold, nameof(LagOptions.Threshold), o => o.Threshold) { Minimum = MinThreshold.TotalSeconds },
            new(Setting.TraceOut, nameof(LagOptions.TraceOut), o => o.TraceOut),
            new(Setting.Hlog, nameof(LagOptions.HlogPath), o => o.HlogPath),
            new(Setting.MetricsPort, nameof(LagOptions.MetricsPort), o => o.MetricsPort) { Minimum = 1, Maximum = 65535 },
            new(Setting.MetricsBind, nameof(LagOptions.MetricsBind), o => o.MetricsBind),
            new(Setting.OtlpEndpoint, nameof(LagOptions.OtlpEndpoint), o => o.OtlpEndpoint),
            new(Setting.DiagnosticPort, nameof(LagOptions.DiagnosticPort), o => o.DiagnosticPort),
        ],
        new Dictionary<string, string>
        {
            [nameof(LagOptions.LaunchCommand)] = DiagnosticsCodeOnly.LaunchCommand,
            [nameof(LagOptions.LaunchDirectory)] = DiagnosticsCodeOnly.LaunchDirectory,
            [nameof(LagOptions.BufferMegabytes)] = "The runtime's session buffer, sized for the thread-pool events of a busy server (a lost event drops its interval, which the report says); a person has nothing to tune there.",
            [nameof(LagOptions.EventBudget)] = "How many work-item events a second lag follows in full before it samples: a bound on its cost to the target (about 0.7 µs of CPU each), not a figure a person tunes; tests lower it to see the sampling.",
            [nameof(LagOptions.PendingExpiry)] = "When an enqueue without its dequeue is forgotten: a bookkeeping bound far above any wait worth reporting; tests shorten it.",
        });

    /// <summary>Throws the first problem: a setting out of its bounds, or settings that do not go together.</summary>
    public static void Validate(LagOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Table.Validate(options);
        if (!options.RunsUntilCanceled && options.Duration < options.Interval)
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"{Setting.Duration} must be at least one {Setting.Interval}");
        }

        SessionSampling.ValidateBudget(options.EventBudget);

        if (options.BufferMegabytes is < 1 or > MaxBufferMegabytes)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"the session buffer must be between 1 and {MaxBufferMegabytes} MB");
        }
    }

    /// <summary>One target and more, as one list (the faces take one list; the record keeps a single one apart).</summary>
    public static int[] Ids(int? first, IReadOnlyList<int> more) => first is { } id ? [id, .. more] : [.. more];

    /// <inheritdoc cref="Ids"/>
    public static string[] Names(string? first, IReadOnlyList<string> more) => first is { } name ? [name, .. more] : [.. more];
}
