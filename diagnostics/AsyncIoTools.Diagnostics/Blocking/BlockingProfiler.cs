using System.Diagnostics.Tracing;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using Microsoft.Diagnostics.NETCore.Client;

namespace AsyncIoTools.Diagnostics.Blocking;

/// <summary>
/// <c>aiotools blocking</c>: which methods block pool threads. Records WaitHandleWaitStart/Stop (keyword
/// 0x40000000000) and ContentionStart/Stop (0x4000) with stacks, plus the sample profiler for Thread.Sleep, with a
/// rundown at the end so managed frames get names; then reads the trace back and groups by the calling method.
/// The wait and lock events cost a busy target next to nothing; the sample profiler is what costs: it suspends the
/// runtime and walks every managed thread's stack each millisecond (+5–8% CPU per request on a saturated target;
/// .NET 10 has no setting for its period), so it runs in a second session for the first
/// <see cref="SampleWindow"/> only, long enough to name a sleeping method or a thread blocked since before the
/// session (a thousand samples of each thread), and its sleep time is scaled to the whole capture. That session's
/// stop and rundown cost the target some 60 ms of CPU more: with two seconds of samples, a default capture cost a
/// saturated target 5–7% (issue 16, diagnostics_slices.py shows where).
/// </summary>
public static class BlockingProfiler
{
    public const long WaitHandleKeyword = 0x40000000000;
    public const long ContentionKeyword = 0x4000;

    /// <summary>How long the sample profiler runs at the start of a capture (all of it with --trace-out, a diagnostic port, or beside diagnose's lag session).</summary>
    public static readonly TimeSpan SampleWindow = TimeSpan.FromSeconds(1);

    public static DotNetTarget Locate(BlockingOptions options)
    {
        Validate(options);
        return TargetLocator.Locate(options, RuntimeRequirement.Blocking);
    }

    public static Task<BlockingReport> RunAsync(BlockingOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(Locate(options), options, cancellationToken);

    public static Task<BlockingReport> RunAsync(DotNetTarget target, BlockingOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(target, null, options, samplesThroughout: false, cancellationToken);

    /// <summary>
    /// Profiles with the sample profiler over the whole capture, in the one session: for a capture beside a lag
    /// session (diagnose), where a second session's stop and rundown in mid-capture would show up in the lag.
    /// </summary>
    internal static Task<BlockingReport> RunWithSamplesThroughoutAsync(DotNetTarget target, BlockingOptions options, CancellationToken cancellationToken) =>
        RunAsync(target, null, options, samplesThroughout: true, cancellationToken);

    /// <summary>Profiles an app held on our diagnostic port (<c>--diagnostic-port</c>, or one we launch) from its first instruction.</summary>
    public static async Task<BlockingReport> RunAsync(PortAttachment port, BlockingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(port);
        return await RunAsync(port.Target, port, options, samplesThroughout: true, cancellationToken);
    }

    private static async Task<BlockingReport> RunAsync(DotNetTarget target, PortAttachment? port, BlockingOptions options, bool samplesThroughout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        Validate(options);
        cancellationToken.ThrowIfCancellationRequested();
        var path = options.TraceOut ?? TemporaryTrace(target, "blocking");

        // One file keeps everything when the user wants the trace, or when the runtime waits on our port for a
        // single session before it resumes.
        var samplesPath = options.TraceOut is null && port is null && !samplesThroughout ? TemporaryTrace(target, "samples") : null;
        try
        {
            var started = MonotonicClock.Now;
            CaptureEnd end;
            using (var file = TraceFile.Create(path))
            {
                using var capture = port is null
                    ? TraceCapture.Start(target, Providers(withSamples: samplesPath is null), requestRundown: true, requestStacks: true, options.BufferMegabytes)
                    : TraceCapture.Start(port, Providers(withSamples: true), requestRundown: true, requestStacks: true, options.BufferMegabytes);
                var recording = capture.RunAsync(stream => stream.CopyTo(file.Stream), options.Duration, cancellationToken);
                if (samplesPath is not null)
                {
                    await RecordSamplesAsync(target, samplesPath, options, cancellationToken);
                }

                end = await recording;
                file.Commit();
            }

            var seconds = (MonotonicClock.Now - started) / 1e9;
            var (sites, waits, samples, poolThreads) = BlockingTraceAnalyzer.Analyze(path, samplesPath, options.AllThreads, options.Top);
            return new BlockingReport(port?.Target ?? target, seconds, end, sites, waits, samples, poolThreads, options.TraceOut is null ? null : Path.GetFullPath(path));
        }
        finally
        {
            foreach (var temporary in new[] { options.TraceOut is null ? path : null, samplesPath })
            {
                if (temporary is not null && File.Exists(temporary))
                {
                    File.Delete(temporary);
                }
            }
        }
    }

    /// <summary>The sample profiler in a session of its own, with its own rundown so its stacks get names too.</summary>
    private static async Task RecordSamplesAsync(DotNetTarget target, string path, BlockingOptions options, CancellationToken cancellationToken)
    {
        using var file = TraceFile.Create(path);
        using var capture = TraceCapture.Start(target, [SampleProfiler()], requestRundown: true, requestStacks: true, options.BufferMegabytes);
        await capture.RunAsync(stream => stream.CopyTo(file.Stream), options.Duration < SampleWindow ? options.Duration : SampleWindow, cancellationToken);
        file.Commit();
    }

    private static string TemporaryTrace(DotNetTarget target, string what) =>
        Path.Combine(Path.GetTempPath(), $"aiotools-{what}-{target.ProcessId}-{Guid.NewGuid():N}.nettrace");

    private static EventPipeProvider[] Providers(bool withSamples)
    {
        var waits = TraceCapture.Provider(BlockingTraceAnalyzer.RuntimeProvider, EventLevel.Verbose, WaitHandleKeyword | ContentionKeyword);
        return withSamples ? [waits, SampleProfiler()] : [waits];
    }

    private static EventPipeProvider SampleProfiler() => TraceCapture.Provider(BlockingTraceAnalyzer.SampleProfilerProvider, EventLevel.Informational, 0);

    private static void Validate(BlockingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        BlockingSettings.Table.Validate(options);
    }
}
