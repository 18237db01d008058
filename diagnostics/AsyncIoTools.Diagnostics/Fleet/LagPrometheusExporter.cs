using System.Collections.Concurrent;
using System.Globalization;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using AsyncIoTools.Measurement;
using Prometheus;

namespace AsyncIoTools.Diagnostics.Fleet;

/// <summary>
/// <c>/metrics</c> for Prometheus while <c>aiotools lag</c> watches processes (prometheus-net's own registry and
/// HTTP listener; see docs/DECISIONS.md). Each series is labelled with the process id, its name and our host:
/// <list type="bullet">
/// <item><c>aiotools_threadpool_wait_seconds</c>, a histogram of how long work queued from outside the pool waited
/// (the headline of <c>aiotools lag</c>), fed from each interval's histogram, intervals that lost events left out;</item>
/// <item>gauges for the oldest waiting item, the verdict (one series per verdict, 1 for the current one), the
/// runtime's queue length and thread count, and <c>aiotools_lag_target_up</c>.</item>
/// </list>
/// A process that exits is marked gone: <c>up</c> drops to 0 and its other series are removed (Prometheus marks
/// them stale), while the endpoint keeps serving the others.
/// </summary>
public sealed class LagPrometheusExporter : ILagObserver, IDisposable
{
    /// <summary>Bucket bounds: 4 µs × 2^(k/8), k = 0…199 (up to ~2 min); one bucket is 9% wide, so histogram_quantile's
    /// linear interpolation inside a bucket is off by at most that.</summary>
    public static readonly double[] Buckets = Histogram.ExponentialBuckets(4e-6, Math.Pow(2, 1.0 / 8), 200);

    private static readonly string[] Labels = ["pid", "name", "host"];
    private static readonly string[] VerdictLabels = ["pid", "name", "host", "verdict"];

    private readonly MetricServer _server;
    private readonly Histogram _wait;
    private readonly Gauge _oldest;
    private readonly Gauge _verdict;
    private readonly Gauge _queue;
    private readonly Gauge _threads;
    private readonly Gauge _up;
    private readonly Counter _dropped;
    private readonly Gauge _followed;
    private readonly string _host = Environment.MachineName;
    private readonly ConcurrentDictionary<int, string[]> _labels = new();

    public LagPrometheusExporter(string bind, int port)
    {
        var registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(registry);
        _wait = factory.CreateHistogram("aiotools_threadpool_wait_seconds", "How long work queued from outside the thread pool waited for a pool thread.", new HistogramConfiguration { LabelNames = Labels, Buckets = Buckets });
        _oldest = factory.CreateGauge("aiotools_threadpool_oldest_wait_seconds", "The longest an item queued from outside the pool had been waiting, still unserved, at the last interval's end.", Labels);
        _verdict = factory.CreateGauge("aiotools_threadpool_verdict", "The lag verdict of the last interval: 1 for the current one (healthy, lagging, starved).", VerdictLabels);
        _queue = factory.CreateGauge("aiotools_threadpool_queue_length", "The runtime's thread-pool queue length (its own counter).", Labels);
        _threads = factory.CreateGauge("aiotools_threadpool_threads", "The runtime's thread-pool thread count (its own counter).", Labels);
        _up = factory.CreateGauge("aiotools_lag_target_up", "1 while aiotools is attached to the process, 0 once it has gone.", Labels);
        _followed = factory.CreateGauge("aiotools_lag_followed_ratio", "The share of the last interval during which work items were followed: below 1 when a busy target is sampled, and the wait histogram then counts a sample of its items.", Labels);
        _dropped = factory.CreateCounter("aiotools_lag_dropped_intervals_total", "Intervals left out because the runtime lost events.", Labels);
        var host = bind is "0.0.0.0" or "*" or "::" ? "+" : bind.Contains(':', StringComparison.Ordinal) ? $"[{bind}]" : bind;
        _server = new MetricServer(host, port, "metrics/", registry);
        try
        {
            _server.Start();
        }
        catch (System.Net.HttpListenerException e)
        {
            throw new AsyncIoToolsException(e.ErrorCode == 98 ? FailureKind.AddressInUse : FailureKind.Usage, string.Create(CultureInfo.InvariantCulture, $"cannot serve metrics on {bind}:{port}: {e.Message}"), e);
        }

        Address = string.Create(CultureInfo.InvariantCulture, $"http://{(host == "+" ? "0.0.0.0" : host)}:{port}/metrics");
    }

    public string Address { get; }

    public void OnAttached(DotNetTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var labels = LabelsOf(target);
        _up.WithLabels(labels).Set(1);
        _wait.WithLabels(labels); // the series exists (all zero) from the first scrape
    }

    public void OnInterval(DotNetTarget target, LagInterval interval, LatencyHistogram delays)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(interval);
        ArgumentNullException.ThrowIfNull(delays);
        var labels = LabelsOf(target);
        if (interval.Dropped)
        {
            _dropped.WithLabels(labels).Inc();
            return;
        }

        var wait = _wait.WithLabels(labels);
        foreach (var bucket in delays.NonEmptyBuckets())
        {
            var seconds = LatencyHistogram.MidpointOf(bucket.Index) / 1e9;
            wait.Observe(seconds, bucket.Count);
        }

        _oldest.WithLabels(labels).Set(interval.OldestPendingMicros / 1e6);
        _followed.WithLabels(labels).Set(interval.FollowedFraction);
        foreach (var verdict in Enum.GetValues<LagVerdict>())
        {
            _verdict.WithLabels([.. labels, verdict.ToString().ToLowerInvariant()]).Set(verdict == interval.Verdict ? 1 : 0);
        }

        if (interval.QueueLength is { } queue)
        {
            _queue.WithLabels(labels).Set(queue);
        }

        if (interval.ThreadCount is { } threads)
        {
            _threads.WithLabels(labels).Set(threads);
        }
    }

    public void OnDetached(DotNetTarget target, CaptureEnd how)
    {
        ArgumentNullException.ThrowIfNull(target);
        var labels = LabelsOf(target);
        _up.WithLabels(labels).Set(0);
        _wait.RemoveLabelled(labels);
        _oldest.RemoveLabelled(labels);
        _queue.RemoveLabelled(labels);
        _threads.RemoveLabelled(labels);
        _dropped.RemoveLabelled(labels);
        _followed.RemoveLabelled(labels);
        foreach (var verdict in Enum.GetValues<LagVerdict>())
        {
            _verdict.RemoveLabelled([.. labels, verdict.ToString().ToLowerInvariant()]);
        }
    }

    public void Dispose() => _server.Dispose();

    private string[] LabelsOf(DotNetTarget target) =>
        _labels.GetOrAdd(target.ProcessId, id => [id.ToString(CultureInfo.InvariantCulture), target.Name, _host]);
}
