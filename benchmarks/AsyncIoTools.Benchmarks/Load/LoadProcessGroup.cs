using System.Diagnostics;
using System.Net;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Measurement;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>
/// Load from several processes, for more connections than one process may hold descriptors for: each shard
/// gets its share of connections (and of active ones and of the rate) and source addresses of its own, so that
/// their local ports never collide. Windows are measured together and merged exactly (histograms by bucket).
/// </summary>
public sealed class LoadProcessGroup : ILoadDriver
{
    private int _disposed;
    private readonly IReadOnlyList<LoadOptions> _shards;
    private readonly ServerLaunch _launch;
    private readonly List<LoadProcess> _processes = [];

    public LoadProcessGroup(LoadOptions options, int processes, ServerLaunch launch)
    {
        LoadPlan.Validate(options);
        _shards = Split(options, processes);
        _launch = launch;
    }

    /// <summary>How long the shards may take to start; JIT shards on one busy CPU have taken a few seconds.</summary>
    public static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

    public int Threads => _shards.Sum(s => Math.Max(1, s.Threads));

    /// <summary>
    /// Shares of the load, one per process: connections, active ones and rate split evenly; on loopback each
    /// shard connects from its own 127.0.0.x addresses (enough for its connections), so no two share a port range.
    /// </summary>
    public static IReadOnlyList<LoadOptions> Split(LoadOptions options, int processes)
    {
        ArgumentNullException.ThrowIfNull(options);
        processes = Math.Clamp(processes, 1, options.Connections);
        var shards = new List<LoadOptions>();
        var nextAddress = 1;
        for (var i = 0; i < processes; i++)
        {
            var connections = Share(options.Connections, processes, i);
            IReadOnlyList<IPAddress>? sources = null;
            if (IPAddress.IsLoopback(options.Target.Address) && options.Target.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            {
                var count = LoadPlan.LoopbackSourcesFor(connections);
                sources = LoadPlan.LoopbackSources(nextAddress, count);
                nextAddress += count;
            }

            shards.Add(options with
            {
                Connections = connections,
                Active = Share(options.EffectiveActive, processes, i),
                Rate = options.Rate is { } rate ? rate / processes : null,
                Threads = 1,
                SourceAddresses = sources ?? options.SourceAddresses,
            });
        }

        return shards;
    }

    /// <summary>
    /// Starts the shards, waits for every one to be ready, then tells all to connect at once and waits for all to
    /// have opened their connections. The ramp is timed from that word to the last shard's ramp line: the connecting,
    /// plus a pipe's round trip and, in JIT shards, compiling the connect path. The processes' start-up (a JIT
    /// process takes about a second, several of them on one CPU longer) is <see cref="RampResult.LoadStartup"/>.
    /// </summary>
    public async Task<RampResult> ConnectAsync(CancellationToken cancellationToken)
    {
        var starting = Stopwatch.GetTimestamp();
        foreach (var shard in _shards)
        {
            _processes.Add(LoadProcess.Start(_launch, shard));
        }

        await Task.WhenAll(_processes.Select(p => p.ReadReadyAsync(StartupLimit, cancellationToken)));
        var startup = Stopwatch.GetElapsedTime(starting);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(_processes.Select(p => p.SendConnectAsync()));
        var ramps = await Task.WhenAll(_processes.Select(p => p.ReadRampAsync(cancellationToken)));
        return new RampResult(
            ramps.Sum(r => r.Requested),
            ramps.Sum(r => r.Connected),
            Stopwatch.GetElapsedTime(started),
            ramps.Sum(r => r.ConnectErrors),
            Threads,
            ramps.Sum(r => r.SourceAddresses))
        {
            SlowestProcess = ramps.Max(r => r.Elapsed),
            LoadStartup = startup,
            LoadRssBytes = _processes.Sum(p => p.RssBytes()),
        };
    }

    public async Task<LoadSample> MeasureAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        await Task.WhenAll(_processes.Select(p => p.SendMeasureAsync(duration)));
        var samples = await Task.WhenAll(_processes.Select(p => p.ReadSampleAsync(cancellationToken)));
        return Merge(samples);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        // All end at once, then are waited for: one after the other, each shard's closing of its connections
        // (16,000 of c100k's) was waited for alone, 5.9 s for six.
        foreach (var process in _processes)
        {
            process.End();
        }

        foreach (var process in _processes)
        {
            process.Dispose();
        }
    }

    /// <summary>
    /// One sample out of the shards': counts summed, histograms merged, and the mean of their windows as the duration.
    /// Each shard's window is its workers' own span, longer for a shard whose controller learnt of the hand-over late;
    /// the longest would understate the rate the shards made together.
    /// </summary>
    public static LoadSample Merge(IReadOnlyList<ClientMeasurement> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var latency = new LatencyHistogram();
        LatencyHistogram? corrected = null;
        var errors = LoadErrors.None;
        foreach (var sample in samples)
        {
            latency.Add(sample.Latency.ToHistogram());
            if (sample.CorrectedLatency is { } c)
            {
                (corrected ??= new LatencyHistogram()).Add(c.ToHistogram());
            }

            errors = errors.Add(sample.Errors);
        }

        // Shards measure in step, so their intervals are added index by index.
        var intervals = samples.Where(s => s.Intervals is { Count: > 0 }).Select(s => s.Intervals!).ToList();
        var merged = intervals.Count == 0 ? null : Enumerable.Range(0, intervals.Max(i => i.Count)).Select(index =>
        {
            var parts = intervals.Where(i => index < i.Count).Select(i => i[index]).ToList();
            var histogram = new LatencyHistogram();
            foreach (var part in parts)
            {
                histogram.Add(part.Histogram);
            }

            return new IntervalHistogram(parts.Min(p => p.Start), TimeSpan.FromTicks((long)parts.Average(p => p.Length.Ticks)), histogram);
        }).ToArray();

        return new LoadSample(
            TimeSpan.FromSeconds(samples.Count == 0 ? 0 : samples.Average(s => s.DurationSeconds)),
            samples.Sum(s => s.Requests),
            latency,
            corrected,
            errors,
            samples.Sum(s => s.BytesSent),
            samples.Sum(s => s.BytesReceived),
            samples.Sum(s => s.Reconnects),
            samples.Sum(s => s.OpenConnections),
            samples.Sum(s => s.LoadGeneratorCpuMicros))
        {
            Intervals = merged,
            IdleClosedByServer = samples.Sum(s => s.IdleClosedByServer),
            IdleClosedMeanOpenSeconds = MeanOpenSeconds(samples),
        };
    }

    /// <summary>The shards' mean time open of idle connections the server closed, weighed by each one's count.</summary>
    private static double? MeanOpenSeconds(IReadOnlyList<ClientMeasurement> samples)
    {
        var timed = samples.Where(s => s.IdleClosedMeanOpenSeconds is not null).ToList();
        var closes = timed.Sum(s => s.IdleClosedByServer);
        return closes > 0 ? timed.Sum(s => s.IdleClosedByServer * s.IdleClosedMeanOpenSeconds!.Value) / closes : null;
    }

    private static int Share(int total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);
}
