using System.Diagnostics.Tracing;
using System.Globalization;
using System.Runtime.InteropServices;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using Microsoft.Diagnostics.NETCore.Client;
using Microsoft.Diagnostics.Tracing;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// <c>aiotools lag</c>: how long work waits in a live process's thread pool, measured from outside. One EventPipe
/// session on FrameworkEventSource (keyword ThreadPool, Verbose; no stacks, no rundown, a large buffer) gives
/// ThreadPoolEnqueueWork and ThreadPoolDequeueWork with the work item's id; dequeue minus enqueue is the delay.
/// The runtime's own queue-length and thread-count counters ride along on the same session.
/// <para>
/// Those two events per work item are the cost to the target, about 0.7 µs of its CPU each
/// (benchmarks/scripts/diagnostics-overhead.sh measures it). So the counters have a session of their own for the whole
/// run, and the work items one per window (<see cref="SampledSessions"/>): throughout while the target emits less than
/// <see cref="LagOptions.EventBudget"/>, and above that in one window per interval (<see cref="SessionSampling"/>).
/// A run that keeps its raw trace, or that launched its target on our diagnostic port, has one session throughout.
/// </para>
/// </summary>
public static class LagMonitor
{
    public const string FrameworkEventSourceName = "System.Diagnostics.Eventing.FrameworkEventSource";
    public const long ThreadPoolKeyword = 0x2;
    public const int EnqueueWorkEventId = 30;
    public const int DequeueWorkEventId = 31;

    /// <summary>The runtime names its timer thread so; EventPipe thread ids are kernel thread ids, /proc tells the name.</summary>
    public const string TimerThreadName = ".NET Timer";

    /// <summary>How far the wall clock may run ahead of the event stream before an interval is closed anyway.</summary>
    private static readonly TimeSpan ClockGrace = TimeSpan.FromSeconds(1);

    /// <summary>Checks the options and finds the target; what <see cref="RunAsync(LagOptions, IProgress{LagInterval}, CancellationToken)"/> does first.</summary>
    public static DotNetTarget Locate(LagOptions options)
    {
        Validate(options);
        return TargetLocator.Locate(options, RuntimeRequirement.Lag);
    }

    /// <summary>Locates the target, then measures it; each interval goes to <paramref name="progress"/> as it closes.</summary>
    public static Task<LagReport> RunAsync(LagOptions options, IProgress<LagInterval>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(Locate(options), options, progress, cancellationToken);

    /// <summary>Measures an already located target (so a caller can show who it attached to before the first interval).</summary>
    public static Task<LagReport> RunAsync(DotNetTarget target, LagOptions options, IProgress<LagInterval>? progress = null, CancellationToken cancellationToken = default) =>
        RunAsync(target, null, options, progress, null, cancellationToken);

    /// <summary>Measures a target, optionally one held on our diagnostic port, each interval also to <paramref name="observer"/>.</summary>
    public static async Task<LagReport> RunAsync(DotNetTarget target, PortAttachment? port, LagOptions options, IProgress<LagInterval>? progress, ILagObserver? observer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        Validate(options);
        cancellationToken.ThrowIfCancellationRequested();
        using var traceFile = options.TraceOut is null ? null : TraceFile.Create(options.TraceOut);
        var start = MonotonicClock.Now;

        // One session for the whole run where its raw stream is kept or the runtime waits on our port; otherwise
        // the counters' session runs throughout and work items are followed in windows of their own.
        var whole = traceFile is not null || port is not null;
        EventPipeProvider[] providers = whole ? [WorkItemProvider, CounterProvider(options)] : [CounterProvider(options)];
        using var capture = port is null
            ? TraceCapture.Start(target, providers, requestRundown: false, requestStacks: false, whole ? options.BufferMegabytes : CounterBufferMegabytes)
            : TraceCapture.Start(port, providers, requestRundown: false, requestStacks: false, options.BufferMegabytes);

        // Through a diagnostic port the process id may be known only from the first event.
        var known = target.ProcessId > 0;
        if (known)
        {
            observer?.OnAttached(target);
        }

        SampledSessions? windows = null;
        var recorder = new LagRecorder(
            start,
            options.Interval,
            options.PendingExpiry,
            () => capture.EventsLost + (windows?.EventsLost ?? 0),
            progress,
            tid => target.ProcessId > 0 && ProcFs.ThreadName(target.ProcessId, tid) == TimerThreadName,
            observer is null ? null : (interval, delays) => observer.OnInterval(target, interval, delays));
        var graceNanos = (long)ClockGrace.TotalNanoseconds;
        var advance = capture.Guard.Wrap<long>(recorder.AdvanceClock);
        var end = CaptureEnd.Completed;
        using var stopWindows = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task<CaptureEnd>? following = null;
        if (!whole)
        {
            // A window's start and stop cost the target a little each: never more than one a second, whatever the interval.
            var cycle = options.Interval < MinSamplingCycle ? MinSamplingCycle : options.Interval;
            windows = new SampledSessions(target, WorkItemProvider, options.BufferMegabytes, new SessionSampling(start, cycle, options.EventBudget, Random.Shared), recorder.OpenWindow, recorder.CloseWindow, e => Dispatch(e, recorder));
            following = windows.RunAsync(stopWindows.Token);

            // A window that fails ends the run: its error is the report, not a session of counters only.
            _ = following.ContinueWith(_ => abort.Cancel(), CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        try
        {
            await using (new Timer(_ => advance(MonotonicClock.Now - graceNanos), null, 250, 250))
            {
                end = await capture.ParseAsync(
                    e =>
                    {
                        if (!known && e.ProcessID > 0)
                        {
                            target = port?.Learn(e.ProcessID) ?? target;
                            known = true;
                            observer?.OnAttached(target);
                        }

                        Dispatch(e, recorder);
                    },
                    traceFile?.Stream,
                    options.RunsUntilCanceled ? null : options.Duration,
                    abort.Token);
            }
        }
        finally
        {
            await stopWindows.CancelAsync();
            if (following is not null)
            {
                // Its failure, if any, is thrown here.
                await following;
            }
        }

        if (end == CaptureEnd.Canceled && !cancellationToken.IsCancellationRequested)
        {
            end = CaptureEnd.Completed;
        }

        var (summary, events) = recorder.Finish(Math.Min(MonotonicClock.Now, options.RunsUntilCanceled || end != CaptureEnd.Completed ? long.MaxValue : start + (long)options.Duration.TotalNanoseconds));
        traceFile?.Commit();
        observer?.OnDetached(target, end);
        return new LagReport(target, summary, recorder.Intervals, events, end, options.Threshold, traceFile?.Path);
    }

    private static readonly TimeSpan MinSamplingCycle = TimeSpan.FromSeconds(1);

    /// <summary>The counters' session carries a few events a second.</summary>
    private const int CounterBufferMegabytes = 4;

    private static readonly EventPipeProvider WorkItemProvider = TraceCapture.Provider(FrameworkEventSourceName, EventLevel.Verbose, ThreadPoolKeyword);

    private static void Dispatch(TraceEvent e, LagRecorder recorder)
    {
        var id = (int)e.ID;
        if ((id == EnqueueWorkEventId || id == DequeueWorkEventId) && string.Equals(e.ProviderName, FrameworkEventSourceName, StringComparison.Ordinal))
        {
            // The payload is one long (workID); reading it raw avoids boxing on the hot path.
            var workId = e.EventDataLength >= sizeof(long) ? Marshal.ReadInt64(e.DataStart) : Convert.ToInt64(e.PayloadValue(0), CultureInfo.InvariantCulture);
#pragma warning disable CS0618 // "Discouraged": the raw clock is the point, it is what the target's own Stopwatch reads.
            var timestamp = MonotonicClock.ToNanos(e.TimeStampQPC);
#pragma warning restore CS0618
            if (id == EnqueueWorkEventId)
            {
                recorder.OnEnqueue(workId, timestamp, e.ThreadID);
            }
            else
            {
                recorder.OnDequeue(workId, timestamp, e.ThreadID);
            }
        }
        else if (e.EventName == "EventCounters" && RuntimeCounterPayload.TryRead(e.PayloadValue(0), out var name, out var value))
        {
#pragma warning disable CS0618 // The same raw clock as the work-item events.
            recorder.OnCounter(name, value, MonotonicClock.ToNanos(e.TimeStampQPC));
#pragma warning restore CS0618
        }
    }

    private static EventPipeProvider CounterProvider(LagOptions options)
    {
        var counterSeconds = Math.Max(1, (int)Math.Round(options.Interval.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        return TraceCapture.Provider("System.Runtime", EventLevel.Informational, 0, new Dictionary<string, string> { ["EventCounterIntervalSec"] = counterSeconds });
    }

    private static void Validate(LagOptions options) => LagSettings.Validate(options);
}
