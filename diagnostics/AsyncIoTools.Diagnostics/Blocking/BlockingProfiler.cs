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
/// </summary>
public static class BlockingProfiler
{
    public const long WaitHandleKeyword = 0x40000000000;
    public const long ContentionKeyword = 0x4000;

    public static DotNetTarget Locate(BlockingOptions options)
    {
        Validate(options);
        return TargetLocator.Locate(options, RuntimeRequirement.Blocking);
    }

    public static Task<BlockingReport> RunAsync(BlockingOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(Locate(options), options, cancellationToken);

    public static Task<BlockingReport> RunAsync(DotNetTarget target, BlockingOptions options, CancellationToken cancellationToken = default) =>
        RunAsync(target, null, options, cancellationToken);

    /// <summary>Profiles an app held on our diagnostic port (<c>--diagnostic-port</c>, or one we launch) from its first instruction.</summary>
    public static async Task<BlockingReport> RunAsync(PortAttachment port, BlockingOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(port);
        return await RunAsync(port.Target, port, options, cancellationToken);
    }

    private static async Task<BlockingReport> RunAsync(DotNetTarget target, PortAttachment? port, BlockingOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        Validate(options);
        cancellationToken.ThrowIfCancellationRequested();
        var path = options.TraceOut ?? Path.Combine(Path.GetTempPath(), $"aiotools-blocking-{target.ProcessId}-{Guid.NewGuid():N}.nettrace");
        try
        {
            var started = MonotonicClock.Now;
            CaptureEnd end;
            using (var file = TraceFile.Create(path))
            {
                using var capture = port is null
                    ? TraceCapture.Start(target, Providers(), requestRundown: true, requestStacks: true, options.BufferMegabytes)
                    : TraceCapture.Start(port, Providers(), requestRundown: true, requestStacks: true, options.BufferMegabytes);
                end = await capture.RunAsync(stream => stream.CopyTo(file.Stream), options.Duration, cancellationToken);
                file.Commit();
            }

            var seconds = (MonotonicClock.Now - started) / 1e9;
            var (sites, waits, samples, poolThreads) = BlockingTraceAnalyzer.Analyze(path, options.AllThreads, options.Top);
            return new BlockingReport(port?.Target ?? target, seconds, end, sites, waits, samples, poolThreads, options.TraceOut is null ? null : Path.GetFullPath(path));
        }
        finally
        {
            if (options.TraceOut is null && File.Exists(path))
            {
                File.Delete(path);
            }
        }
    }

    private static EventPipeProvider[] Providers() =>
    [
        TraceCapture.Provider("Microsoft-Windows-DotNETRuntime", EventLevel.Verbose, WaitHandleKeyword | ContentionKeyword),
        TraceCapture.Provider(BlockingTraceAnalyzer.SampleProfilerProvider, EventLevel.Informational, 0),
    ];

    private static void Validate(BlockingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        BlockingSettings.Table.Validate(options);
    }
}
