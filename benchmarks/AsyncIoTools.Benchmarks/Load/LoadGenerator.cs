using System.Diagnostics;
using AsyncIoTools.Failures;
using AsyncIoTools.Measurement;
using AsyncIoTools.Processes;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>
/// Our own load generator: opens the connections, then applies load and measures it in windows (warm-up, then
/// one per trial) while the connections stay open. Each thread records into its own histograms; windows are
/// merged when they end.
/// </summary>
public sealed class LoadGenerator : ILoadDriver
{
    private int _disposed;
    private readonly LoadOptions _options;
    private readonly LoadWorker[] _workers;
    private readonly int _sourceAddressCount;
    private bool _sending;

    public LoadGenerator(LoadOptions options)
    {
        LoadPlan.Validate(options);
        _options = options;
        LoadPlan.EnsureDescriptors(options.Connections, "the load generator");
        var threads = LoadPlan.Threads(options);
        var sources = LoadPlan.SourceAddresses(options);
        _sourceAddressCount = sources?.Count ?? 1;
        var active = options.EffectiveActive;
        var ratePerConnection = options.Rate is { } rate && active > 0 ? rate / active : 0;

        // Connection i goes to thread i % threads; the first `active` connections send, so they spread evenly.
        var perWorker = Enumerable.Range(0, threads).Select(_ => new List<(int Global, bool Active)>()).ToArray();
        for (var i = 0; i < options.Connections; i++)
        {
            perWorker[i % threads].Add((i, i < active));
        }

        _workers = perWorker.Select((list, id) => new LoadWorker(
            id,
            options,
            list.Select((c, local) => new LoadConnection(local, c.Active, sources?[c.Global % sources.Count])).ToArray(),
            ratePerConnection)).ToArray();
    }

    public int Threads => _workers.Length;

    /// <summary>Opens every connection (bounded concurrency per thread) and reports how it went.</summary>
    public async Task<RampResult> ConnectAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var worker in _workers)
        {
            worker.Start();
        }

        await Task.WhenAll(_workers.Select(w => w.RampDone)).WaitAsync(cancellationToken);
        ThrowIfFailed();
        return new RampResult(
            _options.Connections,
            _workers.Sum(w => w.OpenConnections),
            Stopwatch.GetElapsedTime(started),
            _workers.Sum(w => w.RampConnectErrors),
            _workers.Length,
            _sourceAddressCount);
    }

    /// <summary>Active connections start sending; load then runs until disposal, measured or not.</summary>
    public void StartSending()
    {
        if (_sending)
        {
            return;
        }

        _sending = true;
        var start = Stopwatch.GetTimestamp();
        foreach (var worker in _workers)
        {
            worker.StartSending(start);
        }
    }

    /// <summary>Measures the load for <paramref name="duration"/>: every answer in between, from every thread.</summary>
    /// <remarks>
    /// The window is cut into intervals of <see cref="LoadOptions.LogInterval"/> (fresh windows handed to the
    /// workers at each boundary, as at the window's ends), so interval logs get one histogram per interval.
    /// </remarks>
    public async Task<LoadSample> MeasureAsync(TimeSpan duration, CancellationToken cancellationToken)
    {
        StartSending();
        var windows = _workers.Select(_ => new LoadWindow()).ToArray();

        // Read before the workers take the window, so that the CPU covers at least their spans.
        var cpuBefore = ProcessSnapshot.ReadCpuMicros(Environment.ProcessId);
        await SwitchAsync(windows, cancellationToken);
        var started = Stopwatch.GetTimestamp();
        var startedAt = DateTimeOffset.UtcNow;
        var cut = new List<LoadWindow[]>();
        try
        {
            var step = _options.LogInterval > TimeSpan.Zero ? _options.LogInterval : duration;
            for (var next = step; next < duration; next += step)
            {
                var wait = next - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, cancellationToken);
                }

                var fresh = _workers.Select(_ => new LoadWindow()).ToArray();
                await SwitchAsync(fresh, cancellationToken);
                cut.Add(windows);
                windows = fresh;
            }

            var rest = duration - Stopwatch.GetElapsedTime(started);
            if (rest > TimeSpan.Zero)
            {
                await Task.Delay(rest, cancellationToken);
            }
        }
        finally
        {
            await SwitchAsync(new LoadWindow?[_workers.Length], CancellationToken.None);
        }

        var ended = Stopwatch.GetTimestamp();
        cut.Add(windows);
        var cpu = ProcessSnapshot.ReadCpuMicros(Environment.ProcessId) - cpuBefore;
        ThrowIfFailed();
        var spans = cut.Select(c => Span(c, ended)).ToArray();
        var intervals = cut
            .Select((c, i) => new IntervalHistogram(startedAt + Stopwatch.GetElapsedTime(started, spans[i].Opened), spans[i].Length, Merge(c, spans[i].Length, 0).Headline))
            .ToArray();
        var elapsed = spans.Aggregate(TimeSpan.Zero, (total, span) => total + span.Length);
        return Merge(cut.SelectMany(c => c).ToArray(), elapsed, cpu) with { Intervals = intervals };
    }

    /// <summary>
    /// The span one set of windows covers, from each worker's own hand-over stamps: on average when the workers took
    /// them, and for how long on average each kept its own. Only a worker stopped by <see cref="Dispose"/> leaves a
    /// window unclosed (one that failed ends the measurement first); it is given until <paramref name="ended"/>.
    /// </summary>
    private static (long Opened, TimeSpan Length) Span(LoadWindow[] windows, long ended)
    {
        var taken = windows.Where(w => w.OpenedTicks > 0).ToArray();
        if (taken.Length == 0)
        {
            return (ended, TimeSpan.Zero);
        }

        var opened = (long)taken.Average(w => (double)w.OpenedTicks);
        var ticks = taken.Average(w => (double)((w.ClosedTicks > 0 ? w.ClosedTicks : ended) - w.OpenedTicks));
        return (opened, TimeSpan.FromSeconds(ticks / Stopwatch.Frequency));
    }

    /// <summary>What <c>aiotools load</c> does: connect, warm up, measure once.</summary>
    public async Task<(RampResult Ramp, LoadSample Sample)> RunAsync(CancellationToken cancellationToken)
    {
        var ramp = await ConnectAsync(cancellationToken);
        if (ramp.Connected == 0)
        {
            throw new AsyncIoToolsException(FailureKind.RunFailed, $"no connection to {_options.Target} could be opened ({ramp.ConnectErrors} connect errors); is a server listening there?");
        }

        if (_options.Warmup > TimeSpan.Zero)
        {
            await MeasureAsync(_options.Warmup, cancellationToken);
        }

        return (ramp, await MeasureAsync(_options.Duration, cancellationToken));
    }

    public void Dispose()
    {
        // The runner closes the load before it looks at the server's descriptors, and again at the end of its scope.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        foreach (var worker in _workers)
        {
            worker.Dispose();
        }
    }

    private async Task SwitchAsync(LoadWindow?[] windows, CancellationToken cancellationToken)
    {
        var versions = _workers.Select((w, i) => w.SwitchWindow(windows[i])).ToArray();
        var deadline = Stopwatch.GetTimestamp() + (5 * Stopwatch.Frequency);
        while (!_workers.Select((w, i) => w.HasSwitched(versions[i])).All(s => s))
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw new AsyncIoToolsException(FailureKind.RunFailed, "a load-generator thread stopped responding");
            }

            await Task.Delay(1, cancellationToken);
        }
    }

    private void ThrowIfFailed()
    {
        if (_workers.Select(w => w.Failure).FirstOrDefault(f => f is not null) is { } failure)
        {
            throw new AsyncIoToolsException(FailureKind.RunFailed, $"the load generator failed: {failure.Message}", failure);
        }
    }

    private LoadSample Merge(LoadWindow[] windows, TimeSpan elapsed, long cpuMicros)
    {
        var latency = new LatencyHistogram();
        var corrected = new LatencyHistogram();
        var errors = new long[Enum.GetValues<LoadErrorKind>().Length];
        long requests = 0, sent = 0, received = 0, reconnects = 0, idleClosed = 0, idleOpenTicks = 0;
        foreach (var window in windows)
        {
            latency.Add(window.Latency);
            corrected.Add(window.CorrectedLatency);
            for (var i = 0; i < errors.Length; i++)
            {
                errors[i] += window.Errors[i];
            }

            requests += window.Requests;
            sent += window.BytesSent;
            received += window.BytesReceived;
            reconnects += window.Reconnects;
            idleClosed += window.IdleClosedByServer;
            idleOpenTicks += window.IdleOpenTicks;
        }

        return new LoadSample(
            elapsed,
            requests,
            latency,
            _options.Rate is null ? null : corrected,
            LoadErrors.FromCounts(errors),
            sent,
            received,
            reconnects,
            _workers.Sum(w => w.OpenConnections),
            cpuMicros)
        {
            IdleClosedByServer = idleClosed,
            IdleClosedMeanOpenSeconds = idleClosed > 0 ? idleOpenTicks / (double)Stopwatch.Frequency / idleClosed : null,
        };
    }
}
