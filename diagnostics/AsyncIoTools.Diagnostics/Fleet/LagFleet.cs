using System.Collections.Concurrent;
using System.Globalization;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Diagnostics.Fleet;

/// <summary>
/// <c>aiotools lag</c> over several processes at once (<c>-p 1,2,3</c>, a name several processes share, or every
/// .NET process of a user): one session per process, side by side. A process that exits ends its own session
/// only, said once; with <c>--all</c> or <c>--name</c> new processes are picked up as they appear.
/// </summary>
public static class LagFleet
{
    private static readonly TimeSpan Rescan = TimeSpan.FromSeconds(2);

    /// <summary>The process ids the options name; more than one (or <c>--all</c>) makes a fleet.</summary>
    public static IReadOnlyList<int> ProcessIds(LagOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var ids = new List<int>();
        if (options.ProcessId is { } id)
        {
            ids.Add(id);
        }

        ids.AddRange(options.ProcessIds);
        foreach (var name in Names(options))
        {
            ids.AddRange(TargetLocator.ProcessIdsNamed(name));
        }

        if (options.AllProcesses)
        {
            ids.AddRange(TargetLocator.DotNetProcessesOf(TargetLocator.UserId(options.User)));
        }

        return ids.Distinct().ToList();
    }

    /// <summary>Whether the options ask for more than one process (or for whatever processes there are).</summary>
    public static bool IsFleet(LagOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AllProcesses || options.ProcessIds.Count > 0 || options.ProcessNames.Count > 0
            || (options.ProcessName is not null && options.ProcessId is null && ProcessIds(options).Count > 1);
    }

    /// <summary>Whether the options find processes by name or user, so that ones starting later are picked up too.</summary>
    public static bool Discovers(LagOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AllProcesses || Names(options).Any();
    }

    private static IEnumerable<string> Names(LagOptions options) =>
        options.ProcessNames.Concat(options.ProcessName is { } name ? [name] : []).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// Watches the processes until the duration ends, Ctrl+C, or (without <c>--all</c>/<c>--name</c>) every one of
    /// them has gone. Explicitly given processes must be attachable; ones found by name or user that are not
    /// (another runtime, diagnostics off) are said once in <paramref name="note"/> and left out.
    /// </summary>
    public static async Task<LagFleetReport> RunAsync(
        LagOptions options,
        ILagObserver observer,
        Action<DotNetTarget, LagInterval>? onInterval,
        Action<string> note,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(observer);
        ArgumentNullException.ThrowIfNull(note);
        if (options.TraceOut is not null)
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"{Setting.TraceOut} keeps the session of one process; give one {Setting.ProcessId}");
        }

        var explicitIds = options.ProcessIds.Concat(options.ProcessId is { } one ? [one] : []).ToHashSet();
        var discovering = Discovers(options);
        var sessions = new ConcurrentDictionary<int, Task<LagReport?>>();
        var refused = new HashSet<int>();
        var single = options with { ProcessId = null, ProcessIds = [], ProcessName = null, ProcessNames = [], AllProcesses = false };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (!options.RunsUntilCanceled)
        {
            stop.CancelAfter(options.Duration);
        }

        void StartNew()
        {
            foreach (var id in ProcessIds(options).Where(id => !sessions.ContainsKey(id) && !refused.Contains(id)))
            {
                DotNetTarget target;
                try
                {
                    target = TargetLocator.Locate(single with { ProcessId = id }, RuntimeRequirement.Lag);
                }
                catch (AsyncIoToolsException e) when (!explicitIds.Contains(id))
                {
                    refused.Add(id);
                    note($"left out: {e.Message}");
                    continue;
                }

                sessions[id] = WatchAsync(target);
            }
        }

        async Task<LagReport?> WatchAsync(DotNetTarget target)
        {
            var progress = onInterval is null ? null : new Progress(i => onInterval(target, i));
            try
            {
                // Each session is bounded by the fleet's token alone; its own end is the target's.
                var report = await LagMonitor.RunAsync(target, null, single with { Duration = Timeout.InfiniteTimeSpan }, progress, observer, stop.Token);
                if (report.End == CaptureEnd.TargetExited)
                {
                    note(string.Create(CultureInfo.InvariantCulture, $"process {target.ProcessId} ({target.Name}) exited; marked gone, {sessions.Values.Count(s => !s.IsCompleted) - 1} still watched"));
                }

                return report;
            }
            catch (Exception e) when (e is AsyncIoToolsException or InvalidOperationException)
            {
                // One process's failure ends its session only; the others go on.
                observer.OnDetached(target, CaptureEnd.TargetExited);
                note($"process {target.ProcessId} ({target.Name}): the session ended: {e.Message}");
                return null;
            }
        }

        StartNew();
        if (sessions.IsEmpty && !discovering)
        {
            throw new AsyncIoToolsException(FailureKind.NoSuchProcess, "no process to watch");
        }

        while (!stop.IsCancellationRequested)
        {
            if (!discovering && sessions.Values.All(s => s.IsCompleted))
            {
                break;
            }

            try
            {
                await Task.Delay(Rescan, stop.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (discovering)
            {
                StartNew();
            }
        }

        var reports = (await Task.WhenAll(sessions.Values)).Where(r => r is not null).Select(r => r!).OrderBy(r => r.Target.ProcessId).ToList();
        var canceled = cancellationToken.IsCancellationRequested;
        return new LagFleetReport(reports, canceled);
    }

    private sealed class Progress(Action<LagInterval> handler) : IProgress<LagInterval>
    {
        public void Report(LagInterval value) => handler(value);
    }
}
