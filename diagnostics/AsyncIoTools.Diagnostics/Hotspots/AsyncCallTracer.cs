using System.Diagnostics.Tracing;
using System.Globalization;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Measurement;
using AsyncIoTools.Processes;
using Microsoft.Diagnostics.Tracing;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// The opt-in continuous view: TplEventSource's AsyncCausalityOperation keyword makes the runtime report every
/// async method call's start (TraceOperationBegin: task id, name) and end (TraceOperationEnd: task id, status).
/// That costs the target CPU (two events per async call, and any enabled TplEventSource session makes every await
/// wrap its continuation), so the report measures and states the cost every time. Only that keyword, at the level
/// of its events: AsyncMethod (0x100) would add nothing to these two events but makes the runtime give every async
/// method a finalizable state-machine box (to report abandoned ones), a finalizer run per call. A target emitting
/// more than <see cref="HotspotsOptions.EventBudget"/> events a second is traced in one window a second, sized to
/// the budget: a call still running when its window closes counts as open, and the report says which share of the
/// time was traced.
/// </summary>
public static class AsyncCallTracer
{
    public const string TplEventSourceName = "System.Threading.Tasks.TplEventSource";
    public const long AsyncCausalityOperationKeyword = 0x8;
    public const int TraceOperationBeginId = 14;
    public const int TraceOperationEndId = 15;

    /// <summary>AsyncCausalityStatus.Completed; Canceled and Error count as failed.</summary>
    private const int CompletedStatus = 1;

    private static readonly TimeSpan CpuBaseline = TimeSpan.FromSeconds(2);

    /// <summary>Above the event budget, one window a second (<see cref="SessionSampling"/>).</summary>
    private static readonly TimeSpan SamplingInterval = TimeSpan.FromSeconds(1);

    /// <summary>Traces an app held on our diagnostic port (or one we launched): it is let run, then traced as a running process.</summary>
    public static Task<AsyncCallTraceReport> RunAsync(PortAttachment port, HotspotsOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(port);
        port.Resume();
        return RunAsync(AsyncHotspotScanner.ForConnected(port, options), cancellationToken);
    }

    public static async Task<AsyncCallTraceReport> RunAsync(HotspotsOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        HotspotsSettings.Table.Validate(options);
        SessionSampling.ValidateBudget(options.EventBudget);

        var target = TargetLocator.Locate(options, RuntimeRequirement.Lag);
        var before = await CpuPercentAsync(target.ProcessId, CpuBaseline, cancellationToken);

        var calls = new Dictionary<int, (string Method, long Start)>();
        var methods = new Dictionary<string, MethodTotals>(StringComparer.Ordinal);
        long events = 0;
        long followedNanos = 0;
        long openedAt = 0;
        var gate = new Lock();
        var start = MonotonicClock.Now;
        var cpuStart = ProcessSnapshot.Read(target.ProcessId);
        var sessions = new SampledSessions(
            target,
            TraceCapture.Provider(TplEventSourceName, EventLevel.Informational, AsyncCausalityOperationKeyword),
            64,
            new SessionSampling(start, SamplingInterval, options.EventBudget, Random.Shared),
            at => openedAt = at,
            at =>
            {
                lock (gate)
                {
                    // A call still running when its window closes will not be seen to end: open, as at the end.
                    followedNanos += at - openedAt;
                    foreach (var (method, _) in calls.Values)
                    {
                        Totals(methods, method).Open++;
                    }

                    calls.Clear();
                }
            },
            e =>
            {
                if (!string.Equals(e.ProviderName, TplEventSourceName, StringComparison.Ordinal))
                {
                    return;
                }

                lock (gate)
                {
                    events++;
                    var taskId = Convert.ToInt32(e.PayloadValue(0), CultureInfo.InvariantCulture);
                    var nanos = (long)(e.TimeStampRelativeMSec * 1e6);
                    if ((int)e.ID == TraceOperationBeginId)
                    {
                        var method = MethodName(e.PayloadValue(1) as string ?? "?");
                        calls[taskId] = (method, nanos);
                        Totals(methods, method).Started++;
                    }
                    else if ((int)e.ID == TraceOperationEndId && calls.Remove(taskId, out var call))
                    {
                        var totals = Totals(methods, call.Method);
                        totals.Durations.Record(nanos - call.Start);
                        if (Convert.ToInt32(e.PayloadValue(1), CultureInfo.InvariantCulture) != CompletedStatus)
                        {
                            totals.Failed++;
                        }
                    }
                }
            });
        var end = await RunForAsync(sessions, options.Duration, cancellationToken);
        var during = TryRead(target.ProcessId) is { } cpuEnd ? CpuPercent(cpuStart, cpuEnd) : double.NaN;

        var timings = methods
            .Select(p => new AsyncCallTiming(
                p.Key,
                p.Value.Started,
                p.Value.Durations.TotalCount,
                p.Value.Failed,
                p.Value.Open,
                Math.Round(p.Value.Durations.Mean / 1e6, 3),
                Math.Round(p.Value.Durations.ValueAtPercentile(99) / 1e6, 3),
                Math.Round(p.Value.Durations.Max / 1e6, 3)))
            .OrderByDescending(t => t.Completed * t.MeanMilliseconds + t.OpenAtEnd)
            .Take(options.Top)
            .ToList();
        var seconds = (MonotonicClock.Now - start) / 1e9;
        return new AsyncCallTraceReport(target, options.Duration.TotalSeconds, end, timings, events, before, during)
        {
            FollowedFraction = seconds > 0 ? Math.Min(1, followedNanos / 1e9 / seconds) : 1,
        };
    }

    /// <summary>The sessions for <paramref name="duration"/>: the end is the target's if it went, else whether we were canceled.</summary>
    private static async Task<CaptureEnd> RunForAsync(SampledSessions sessions, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var end = await sessions.RunAsync(stop.Token);
        return end == CaptureEnd.TargetExited ? end : cancellationToken.IsCancellationRequested ? CaptureEnd.Canceled : CaptureEnd.Completed;
    }

    /// <summary>"Async: &lt;ReadAsync&gt;d__3" → "ReadAsync"; other names are kept as they are.</summary>
    public static string MethodName(string operationName)
    {
        ArgumentNullException.ThrowIfNull(operationName);
        var open = operationName.IndexOf('<', StringComparison.Ordinal);
        var close = operationName.IndexOf('>', StringComparison.Ordinal);
        return open >= 0 && close > open ? operationName[(open + 1)..close] : operationName;
    }

    private static MethodTotals Totals(Dictionary<string, MethodTotals> methods, string method)
    {
        if (!methods.TryGetValue(method, out var totals))
        {
            totals = new MethodTotals();
            methods[method] = totals;
        }

        return totals;
    }

    private static async Task<double> CpuPercentAsync(int processId, TimeSpan window, CancellationToken cancellationToken)
    {
        var first = ProcessSnapshot.Read(processId);
        await Task.Delay(window, cancellationToken);
        return CpuPercent(first, ProcessSnapshot.Read(processId));
    }

    /// <summary>The target may have exited during the session: then its cost is unknown (NaN), not an error.</summary>
    private static ProcessSnapshot? TryRead(int processId)
    {
        try
        {
            return ProcessSnapshot.Read(processId);
        }
        catch (ProcessGoneException)
        {
            return null;
        }
    }

    private static double CpuPercent(ProcessSnapshot first, ProcessSnapshot second)
    {
        var wall = (second.TimestampTicks - first.TimestampTicks) / (double)System.Diagnostics.Stopwatch.Frequency;
        return wall <= 0 ? 0 : Math.Round((second.CpuMicros - first.CpuMicros) / 1e6 / wall * 100, 1);
    }

    private sealed class MethodTotals
    {
        public long Started { get; set; }

        public long Failed { get; set; }

        public long Open { get; set; }

        public LatencyHistogram Durations { get; } = new();
    }
}
