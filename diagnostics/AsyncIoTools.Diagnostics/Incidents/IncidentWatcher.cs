using System.Collections.Concurrent;
using System.Globalization;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Fleet;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using AsyncIoTools.Measurement;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>
/// <c>aiotools watch</c>: a lag session on each process (the cheap one, as <c>lag</c>) whose intervals are checked
/// against the rules; when one fires, the culprit is captured while the problem is live (a blocking profile with
/// its raw trace, then a heap snapshot of pending async calls), an incident is written, and the watch goes on,
/// each process with its cool-down, all under a cap on disk use. An incident's files go to a hidden folder that
/// takes its name only once they are all written, so a reader never sees half an incident.
/// </summary>
public static class IncidentWatcher
{
    public static async Task<WatchReport> RunAsync(
        WatchOptions options,
        IIncidentSink sink,
        Action<Incident> onIncident,
        Action<DotNetTarget, LagInterval>? onInterval,
        Action<string> note,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        ArgumentNullException.ThrowIfNull(onIncident);
        ArgumentNullException.ThrowIfNull(note);
        Validate(options);
        try
        {
            Directory.CreateDirectory(options.OutputDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"cannot write incidents to {options.OutputDirectory}: {e.Message}", e);
        }

        var watcher = new Watcher(options, sink, onIncident, note, cancellationToken);
        LagFleetReport lag;
        try
        {
            lag = await LagFleet.RunAsync(options.Lag with { Watch = false }, watcher, onInterval, note, cancellationToken);
        }
        finally
        {
            await watcher.DrainAsync();
        }

        return new WatchReport(watcher.Incidents, lag);
    }

    private static void Validate(WatchOptions options) => WatchSettings.Validate(options);

    /// <summary>Takes every process's intervals, keeps its recent ones, fires and captures.</summary>
    private sealed class Watcher(WatchOptions options, IIncidentSink sink, Action<Incident> onIncident, Action<string> note, CancellationToken cancellationToken) : ILagObserver
    {
        private readonly ConcurrentDictionary<int, TargetState> _targets = new();
        private readonly ConcurrentQueue<Task> _captures = new();
        private readonly ConcurrentQueue<Incident> _incidents = new();
        private readonly int _keep = Math.Max(60, (WatchTrigger.Window(options.Rules, options.Lag.Interval) * 2) + (int)Math.Ceiling(options.Capture / options.Lag.Interval) + 10);

        public IReadOnlyList<Incident> Incidents => [.. _incidents.OrderBy(i => i.TriggeredAt)];

        public void OnAttached(DotNetTarget target) => _targets.TryAdd(target.ProcessId, new TargetState());

        public void OnInterval(DotNetTarget target, LagInterval interval, LatencyHistogram delays)
        {
            var state = _targets.GetOrAdd(target.ProcessId, _ => new TargetState());
            string? fired;
            int triggerIndex;
            lock (state)
            {
                state.History.Add(new IncidentInterval(interval, delays.Copy()));
                if (state.History.Count > _keep && !state.Capturing)
                {
                    state.History.RemoveRange(0, state.History.Count - _keep);
                }

                if (state.Capturing || DateTimeOffset.UtcNow < state.QuietUntil)
                {
                    return;
                }

                fired = WatchTrigger.Check(options.Rules, options.Lag.Interval, state.History.Select(h => h.Figures).ToList());
                if (fired is null)
                {
                    return;
                }

                state.Capturing = true;
                triggerIndex = state.History.Count - 1;
            }

            _captures.Enqueue(Task.Run(() => CaptureAsync(target, state, fired, triggerIndex)));
        }

        public void OnDetached(DotNetTarget target, CaptureEnd how)
        {
        }

        public async Task DrainAsync()
        {
            while (_captures.TryDequeue(out var capture))
            {
                await capture;
            }
        }

        private async Task CaptureAsync(DotNetTarget target, TargetState state, string rule, int triggerIndex)
        {
            var triggered = DateTimeOffset.UtcNow;
            try
            {
                var used = DiskUse(options.OutputDirectory);
                if (used >= options.MaxDiskBytes)
                {
                    note(string.Create(CultureInfo.InvariantCulture, $"process {target.ProcessId}: {rule}; not captured: {options.OutputDirectory} holds {used / 1048576.0:0.#} MiB, the cap is {options.MaxDiskBytes / 1048576.0:0.#} MiB"));
                    return;
                }

                var incident = await CaptureLiveAsync(target, state, rule, triggerIndex, triggered);
                _incidents.Enqueue(incident);
                onIncident(incident);
            }
            catch (Exception e) when (e is AsyncIoToolsException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                note($"process {target.ProcessId}: {rule}; the capture failed: {e.Message}");
            }
            finally
            {
                lock (state)
                {
                    state.Capturing = false;
                    state.QuietUntil = DateTimeOffset.UtcNow + options.Cooldown;
                }
            }
        }

        private async Task<Incident> CaptureLiveAsync(DotNetTarget target, TargetState state, string rule, int triggerIndex, DateTimeOffset triggered)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"incident-{triggered:yyyyMMdd-HHmmss}-pid{target.ProcessId}");
            var final = Path.Combine(options.OutputDirectory, name);
            for (var n = 2; Directory.Exists(final); n++)
            {
                final = Path.Combine(options.OutputDirectory, string.Create(CultureInfo.InvariantCulture, $"{name}-{n}"));
            }

            var temporary = Path.Combine(options.OutputDirectory, $".{Path.GetFileName(final)}.partial");
            Directory.CreateDirectory(temporary);
            try
            {
                var trace = Path.Combine(temporary, "trace.nettrace");
                BlockingReport? blocking = null;
                var end = CaptureEnd.Completed;
                try
                {
                    blocking = await BlockingProfiler.RunAsync(target, new BlockingOptions { ProcessId = target.ProcessId, Duration = options.Capture, Top = 10, TraceOut = trace }, cancellationToken);
                    end = blocking.End;
                }
                catch (OperationCanceledException)
                {
                    end = CaptureEnd.Canceled;
                }
                catch (AsyncIoToolsException e) when (e.Kind is FailureKind.TargetExited or FailureKind.NoSuchProcess)
                {
                    end = CaptureEnd.TargetExited;
                }

                var (hotspots, unavailable) = await Diagnoser.SnapshotAsync(target, end, 10, cancellationToken);
                List<IncidentInterval> timeline;
                int first;
                lock (state)
                {
                    first = Math.Max(0, triggerIndex - (WatchTrigger.Window(options.Rules, options.Lag.Interval) + 5));
                    timeline = state.History.Skip(first).ToList();
                }

                var trigger = timeline[triggerIndex - first].Figures;
                var hlog = Path.Combine(temporary, "lag.hlog");
                WriteLog(hlog, target, timeline, triggered);
                var incident = new Incident(target, triggered, rule, DiagnosisHeadline.Of(trigger, blocking, hotspots), timeline, triggerIndex - first, blocking, hotspots, unavailable, end)
                {
                    Folder = Path.GetFullPath(final),
                    TraceFile = File.Exists(trace) ? Path.GetFullPath(Path.Combine(final, "trace.nettrace")) : null,
                    HlogFile = Path.GetFullPath(Path.Combine(final, "lag.hlog")),
                    CommandLine = options.CommandLine,
                };
                sink.Write(incident, temporary);
                Directory.Move(temporary, final);
                return incident;
            }
            catch
            {
                Directory.Delete(temporary, recursive: true);
                throw;
            }
        }

        private static void WriteLog(string path, DotNetTarget target, IReadOnlyList<IncidentInterval> timeline, DateTimeOffset triggered)
        {
            var start = triggered - TimeSpan.FromSeconds(timeline.Count == 0 ? 0 : timeline[^1].Figures.EndSeconds - timeline[0].Figures.StartSeconds);
            using var log = HistogramLogWriter.Create(path, start, $"aiotools watch: thread-pool wait of process {target.ProcessId} ({target.Name}), in ns, per interval (Tag=pid-PID)");
            var origin = timeline.Count == 0 ? 0 : timeline[0].Figures.StartSeconds;
            foreach (var interval in timeline)
            {
                log.WriteInterval(LagHistogramLog.Tag(target.ProcessId, interval.Figures.Dropped), interval.Figures.StartSeconds - origin, interval.Figures.EndSeconds - interval.Figures.StartSeconds, interval.Delays);
            }
        }

        private static long DiskUse(string folder) =>
            Directory.Exists(folder) ? new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length) : 0;
    }

    private sealed class TargetState
    {
        public List<IncidentInterval> History { get; } = [];

        public bool Capturing { get; set; }

        public DateTimeOffset QuietUntil { get; set; }
    }
}
