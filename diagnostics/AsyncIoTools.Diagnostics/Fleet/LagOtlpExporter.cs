using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Measurement;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;

namespace AsyncIoTools.Diagnostics.Fleet;

/// <summary>
/// The same figures as <see cref="LagPrometheusExporter"/>, pushed over OTLP (HTTP/protobuf, every 5 s) for users
/// with an OpenTelemetry collector: a .NET <see cref="Meter"/> read by the OpenTelemetry SDK's OTLP exporter.
/// </summary>
public sealed class LagOtlpExporter : ILagObserver, IDisposable
{
    public const string MeterName = "AsyncIoTools.Lag";

    private readonly Meter _meter = new(MeterName);
    private readonly Histogram<double> _wait;
    private readonly MeterProvider _provider;
    private readonly ConcurrentDictionary<int, (KeyValuePair<string, object?>[] Tags, LagInterval? Last, bool Up)> _targets = new();
    private readonly string _host = Environment.MachineName;

    public LagOtlpExporter(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _wait = _meter.CreateHistogram<double>("aiotools.threadpool.wait", "s", "How long work queued from outside the thread pool waited for a pool thread.", null, new InstrumentAdvice<double> { HistogramBucketBoundaries = LagPrometheusExporter.Buckets });
        _meter.CreateObservableGauge("aiotools.threadpool.oldest_wait", () => Each(i => i.OldestPendingMicros / 1e6), "s", "The longest wait still unserved at the last interval's end.");
        _meter.CreateObservableGauge("aiotools.threadpool.queue_length", () => Each(i => i.QueueLength), description: "The runtime's thread-pool queue length.");
        _meter.CreateObservableGauge("aiotools.threadpool.threads", () => Each(i => i.ThreadCount), description: "The runtime's thread-pool thread count.");
        _meter.CreateObservableGauge("aiotools.lag.followed_ratio", () => Each(i => i.FollowedFraction), description: "The share of the last interval during which work items were followed: below 1 when a busy target is sampled.");
        _meter.CreateObservableGauge("aiotools.threadpool.verdict", () => Each(i => (double)i.Verdict), description: "The last interval's verdict: 0 healthy, 1 lagging, 2 starved.");
        _meter.CreateObservableGauge("aiotools.lag.target_up", () => _targets.Values.Select(t => new Measurement<double>(t.Up ? 1 : 0, t.Tags)), description: "1 while attached to the process, 0 once it has gone.");
        var metrics = new Uri(endpoint, "v1/metrics");
        _provider = Sdk.CreateMeterProviderBuilder()
            .AddMeter(MeterName)
            .AddOtlpExporter((exporter, reader) =>
            {
                exporter.Endpoint = metrics;
                exporter.Protocol = OtlpExportProtocol.HttpProtobuf;
                reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = 5000;
            })
            .Build();
    }

    public void OnAttached(DotNetTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _targets[target.ProcessId] = (Tags(target), null, true);
    }

    public void OnInterval(DotNetTarget target, LagInterval interval, LatencyHistogram delays)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(interval);
        ArgumentNullException.ThrowIfNull(delays);
        var tags = _targets.TryGetValue(target.ProcessId, out var known) ? known.Tags : Tags(target);
        _targets[target.ProcessId] = (tags, interval, true);
        if (interval.Dropped)
        {
            return;
        }

        // The Meter API records one value at a time: each bucket's middle, as many times as it counted.
        var tagList = new System.Diagnostics.TagList(tags.AsSpan());
        foreach (var bucket in delays.NonEmptyBuckets())
        {
            var seconds = LatencyHistogram.MidpointOf(bucket.Index) / 1e9;
            for (var i = 0L; i < bucket.Count; i++)
            {
                _wait.Record(seconds, tagList);
            }
        }
    }

    public void OnDetached(DotNetTarget target, CaptureEnd how)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (_targets.TryGetValue(target.ProcessId, out var known))
        {
            _targets[target.ProcessId] = known with { Up = false, Last = null };
        }
    }

    public void Dispose()
    {
        _provider.ForceFlush(5000);
        _provider.Dispose();
        _meter.Dispose();
    }

    private IEnumerable<Measurement<double>> Each(Func<LagInterval, double?> figure) =>
        _targets.Values.Where(t => t.Up && t.Last is { Dropped: false }).Select(t => (figure(t.Last!), t.Tags)).Where(p => p.Item1 is not null).Select(p => new Measurement<double>(p.Item1!.Value, p.Tags));

    private KeyValuePair<string, object?>[] Tags(DotNetTarget target) =>
        [new("process.pid", target.ProcessId), new("process.executable.name", target.Name), new("host.name", _host)];
}
