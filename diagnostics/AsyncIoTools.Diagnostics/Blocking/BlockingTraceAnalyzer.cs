using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;

namespace AsyncIoTools.Diagnostics.Blocking;

/// <summary>
/// Turns a finished blocking trace (stacks plus rundown, so managed frames have names) into blocking sites: wait
/// and contention start/stop pairs per thread give counts and blocked time; the sample profiler's 1 ms samples
/// catch Thread.Sleep, which emits no wait event, and threads that were already blocked when the session began
/// (a hung process). The samples may come from a second session over the start of the capture (see
/// BlockingProfiler), each then standing for its share of the whole. Only pool workers count unless all threads
/// are asked for.
/// </summary>
public sealed class BlockingTraceAnalyzer
{
    public const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    public const string SampleProfilerProvider = "Microsoft-DotNETCore-SampleProfiler";
    public const int ContentionStartId = 81;
    public const int ContentionStopId = 91;
    public const int WaitHandleWaitStartId = 301;
    public const int WaitHandleWaitStopId = 302;

    /// <summary>The sample profiler's period: each sample of a sleeping thread stands for this much sleep.</summary>
    public const double SampleMilliseconds = 1.0;

    private readonly bool _allThreads;
    private readonly Dictionary<CallStackIndex, CallFrame[]> _stacks = [];
    private readonly Dictionary<int, (double Start, CallFrame[] Frames, BlockingKind Kind)> _open = [];
    private readonly Dictionary<(BlockingKind, string), SiteTotals> _sites = [];
    private readonly HashSet<int> _poolThreads = [];
    private long _waitEvents;
    private long _samples;
    private double _sampleMilliseconds = SampleMilliseconds;

    private BlockingTraceAnalyzer(bool allThreads) => _allThreads = allThreads;

    /// <summary>
    /// Reads a finished trace; with <paramref name="samplesPath"/>, the sample profiler's events come from that
    /// second session, taken over the first part of the capture: read in time order with the first, each sample
    /// then stands for its share of the whole capture.
    /// </summary>
    public static (IReadOnlyList<BlockingSite> Sites, long WaitEvents, long Samples, int PoolThreads) Analyze(string nettracePath, string? samplesPath, bool allThreads, int top)
    {
        using var log = Open(nettracePath);
        using var samples = samplesPath is null ? null : Open(samplesPath);
        var analyzer = new BlockingTraceAnalyzer(allThreads);
        if (samples is not null && samples.Log.SessionEndTimeRelativeMSec > 0)
        {
            analyzer._sampleMilliseconds = SampleMilliseconds * Math.Max(1, log.Log.SessionEndTimeRelativeMSec / samples.Log.SessionEndTimeRelativeMSec);
        }

        var end = 0.0;
        foreach (var e in InTimeOrder(log.Log.Events, samples is null ? [] : samples.Log.Events))
        {
            analyzer.Visit(e);
            end = Math.Max(end, e.TimeStampRelativeMSec);
        }

        analyzer.CloseOpenWaits(end);
        var sites = analyzer._sites
            .Select(p => new BlockingSite(p.Key.Item1, p.Key.Item2, p.Value.MostCommonVia, p.Value.Count, Math.Round(p.Value.Milliseconds, 3), p.Value.Example) { Samples = p.Value.Samples })
            .OrderByDescending(s => s.BlockedMilliseconds)
            .ThenByDescending(s => s.Count)
            .Take(top)
            .ToList();
        return (sites, analyzer._waitEvents, analyzer._samples, analyzer._poolThreads.Count);
    }

    /// <summary>Both sessions stamp events with the same machine clock; merged by it, a sample sees the waits open at its time.</summary>
    private static IEnumerable<TraceEvent> InTimeOrder(IEnumerable<TraceEvent> first, IEnumerable<TraceEvent> second)
    {
        using var a = first.GetEnumerator();
        using var b = second.GetEnumerator();
        var hasA = a.MoveNext();
        var hasB = b.MoveNext();
        while (hasA || hasB)
        {
            if (hasA && (!hasB || a.Current.TimeStamp <= b.Current.TimeStamp))
            {
                yield return a.Current;
                hasA = a.MoveNext();
            }
            else
            {
                yield return b.Current;
                hasB = b.MoveNext();
            }
        }
    }

    private static OpenedTrace Open(string nettracePath)
    {
        var etlx = Path.Combine(Path.GetTempPath(), $"aiotools-{Environment.ProcessId}-{Guid.NewGuid():N}.etlx");
        try
        {
            TraceLog.CreateFromEventTraceLogFile(nettracePath, etlx, new TraceLogOptions { ContinueOnError = true, ConversionLog = TextWriter.Null });
            return new OpenedTrace(new TraceLog(etlx), etlx);
        }
        catch
        {
            File.Delete(etlx);
            throw;
        }
    }

    private void Visit(TraceEvent e)
    {
        var id = (int)e.ID;
        if (string.Equals(e.ProviderName, RuntimeProvider, StringComparison.Ordinal))
        {
            switch (id)
            {
                case WaitHandleWaitStartId:
                case ContentionStartId:
                    _waitEvents++;
                    _open[e.ThreadID] = (e.TimeStampRelativeMSec, Frames(e), id == ContentionStartId ? BlockingKind.Lock : BlockingKind.Wait);
                    break;
                case WaitHandleWaitStopId:
                case ContentionStopId:
                    if (_open.Remove(e.ThreadID, out var wait))
                    {
                        Count(wait.Frames, wait.Kind, 1, e.TimeStampRelativeMSec - wait.Start);
                    }

                    break;
                default:
                    break;
            }
        }
        else if (string.Equals(e.ProviderName, SampleProfilerProvider, StringComparison.Ordinal))
        {
            _samples++;
            var frames = Frames(e);
            if (StackReading.IsPoolWorker(frames))
            {
                _poolThreads.Add(e.ThreadID);
            }

            if (StackReading.IsSleeping(frames))
            {
                Count(frames, BlockingKind.Sleep, 1, _sampleMilliseconds, sampled: true);
            }
            else if (!_open.ContainsKey(e.ThreadID) && StackReading.IsWaiting(frames))
            {
                // Blocked since before the session: its wait-start event was never seen, its samples are.
                Count(frames, BlockingKind.Wait, 1, _sampleMilliseconds, sampled: true);
            }
        }
    }

    /// <summary>A wait still open when the trace ended blocked until then (a stalled thread never stops waiting).</summary>
    private void CloseOpenWaits(double end)
    {
        foreach (var wait in _open.Values)
        {
            Count(wait.Frames, wait.Kind, 1, end - wait.Start);
        }

        _open.Clear();
    }

    private void Count(CallFrame[] frames, BlockingKind kind, long count, double milliseconds, bool sampled = false)
    {
        if (!_allThreads && !StackReading.IsPoolWorker(frames))
        {
            return;
        }

        if (StackReading.Attribute(frames, kind) is not { } culprit)
        {
            return;
        }

        if (kind == BlockingKind.Sleep && culprit.Kind != BlockingKind.Sleep)
        {
            // The spin phase of a task wait sleeps briefly; its wait events already account for the block.
            return;
        }

        var key = (culprit.Kind, culprit.Method);
        if (!_sites.TryGetValue(key, out var totals))
        {
            totals = new SiteTotals(frames.Take(16).Select(f => f.ShortName).ToArray());
            _sites[key] = totals;
        }

        totals.Count += count;
        totals.Samples += sampled ? count : 0;
        totals.Milliseconds += Math.Max(0, milliseconds);
        totals.Vias[culprit.Via] = totals.Vias.GetValueOrDefault(culprit.Via) + count;
    }

    private CallFrame[] Frames(TraceEvent e)
    {
        var index = e.CallStackIndex();
        if (index == CallStackIndex.Invalid)
        {
            return [];
        }

        if (_stacks.TryGetValue(index, out var cached))
        {
            return cached;
        }

        var frames = new List<CallFrame>();
        for (var stack = e.CallStack(); stack is not null; stack = stack.Caller)
        {
            var address = stack.CodeAddress;
            frames.Add(new CallFrame(address.FullMethodName ?? string.Empty, address.ModuleName ?? string.Empty));
        }

        var array = frames.ToArray();
        _stacks[index] = array;
        return array;
    }

    /// <summary>An opened trace and the .etlx conversion behind it, deleted with it.</summary>
    private sealed class OpenedTrace(TraceLog log, string etlx) : IDisposable
    {
        public TraceLog Log { get; } = log;

        public void Dispose()
        {
            Log.Dispose();
            File.Delete(etlx);
        }
    }

    private sealed class SiteTotals(string[] example)
    {
        public string[] Example { get; } = example;

        public long Count { get; set; }

        public long Samples { get; set; }

        public double Milliseconds { get; set; }

        /// <summary>One method can reach a wait by several framework paths (spin, then block); the commonest is shown.</summary>
        public Dictionary<string, long> Vias { get; } = new(StringComparer.Ordinal);

        public string MostCommonVia => Vias.OrderByDescending(v => v.Value).ThenBy(v => v.Key, StringComparer.Ordinal).First().Key;
    }
}
