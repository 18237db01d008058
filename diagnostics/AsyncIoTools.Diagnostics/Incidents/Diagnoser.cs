using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>
/// <c>aiotools diagnose</c>: lag and blocking measured side by side (two EventPipe sessions on one process) for the
/// duration, then the pending async calls from one heap snapshot taken while the problem is still live; the
/// verdict and its cause in one line.
/// </summary>
public static class Diagnoser
{
    /// <summary>Checks the options and finds the target (the same refusals as lag: not .NET, another user's, diagnostics off, too old).</summary>
    public static DotNetTarget Locate(DiagnoseOptions options)
    {
        Validate(options);
        return TargetLocator.Locate(options, RuntimeRequirement.Blocking);
    }

    public static async Task<Diagnosis> RunAsync(DiagnoseOptions options, CancellationToken cancellationToken = default)
    {
        var target = Locate(options);
        return await RunAsync(target, options, cancellationToken);
    }

    public static async Task<Diagnosis> RunAsync(DotNetTarget target, DiagnoseOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        Validate(options);
        var lagging = LagMonitor.RunAsync(target, new LagOptions { ProcessId = target.ProcessId, Duration = options.Duration, Interval = options.Interval }, null, cancellationToken);
        var blocking = BlockingProfiler.RunWithSamplesThroughoutAsync(target, new BlockingOptions { ProcessId = target.ProcessId, Duration = options.Duration, Top = Math.Max(options.Top, 10), TraceOut = options.TraceOut }, cancellationToken);
        await Task.WhenAll(lagging, blocking);
        var (hotspots, unavailable) = await SnapshotAsync(target, lagging.Result.End, options.Top, cancellationToken);
        return Of(target, lagging.Result, blocking.Result, hotspots, unavailable) with { Interval = options.Interval };
    }

    /// <summary>The pending async calls, unless the target is gone or the session was stopped; why not otherwise.</summary>
    internal static async Task<(HotspotsReport? Report, string? Unavailable)> SnapshotAsync(DotNetTarget target, CaptureEnd end, int top, CancellationToken cancellationToken)
    {
        if (end != CaptureEnd.Completed || cancellationToken.IsCancellationRequested)
        {
            return (null, end == CaptureEnd.TargetExited ? "the target exited before its heap could be walked" : "stopped before the heap snapshot");
        }

        try
        {
            return (await AsyncHotspotScanner.ScanAsync(target, new HotspotsOptions { ProcessId = target.ProcessId, Top = top }, cancellationToken), null);
        }
        catch (AsyncIoToolsException e)
        {
            return (null, e.Message);
        }
        catch (OperationCanceledException)
        {
            return (null, "stopped before the heap snapshot");
        }
    }

    private static Diagnosis Of(DotNetTarget target, LagReport lag, BlockingReport blocking, HotspotsReport? hotspots, string? unavailable) =>
        new(target, lag.Summary.Verdict, DiagnosisHeadline.Of(lag.Summary, blocking, hotspots), lag, blocking, hotspots, unavailable);

    private static void Validate(DiagnoseOptions options) => DiagnoseSettings.Validate(options);
}
