using System.Diagnostics;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using Microsoft.Diagnostics.Runtime;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// <c>aiotools hotspots</c>: pending async calls per method, from one ClrMD snapshot of the live heap (the target
/// is suspended while its heap is walked: about half a second for a 50 MB heap).
/// </summary>
public static class AsyncHotspotScanner
{
    public static DotNetTarget Locate(HotspotsOptions options)
    {
        Validate(options);
        return TargetLocator.Locate(options, RuntimeRequirement.Hotspots);
    }

    public static Task<HotspotsReport> ScanAsync(HotspotsOptions options, CancellationToken cancellationToken = default) =>
        ScanAsync(Locate(options), options, cancellationToken);

    public static Task<HotspotsReport> ScanAsync(DotNetTarget target, HotspotsOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        Validate(options);
        return Task.Run(() => Scan(target, options), cancellationToken);
    }

    private static HotspotsReport Scan(DotNetTarget target, HotspotsOptions options)
    {
        var stopwatch = Stopwatch.StartNew();
        var walker = new AsyncHeapWalker();
        try
        {
            using var dataTarget = DataTarget.AttachToProcess(target.ProcessId, suspend: true);
            var clr = dataTarget.ClrVersions.FirstOrDefault()
                ?? throw new AsyncIoToolsException(FailureKind.NotDotNetProcess, $"no CLR found in process {target.ProcessId} ({target.Name})");
            using var runtime = clr.CreateRuntime();
            walker.Walk(runtime.Heap);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ClrDiagnosticsException or IOException)
        {
            throw Translate(target, e);
        }

        return new HotspotsReport(target, stopwatch.Elapsed.TotalMilliseconds, walker.Scanned, walker.Pending, walker.Hotspots(options.Top));
    }

    private static AsyncIoToolsException Translate(DotNetTarget target, Exception e)
    {
        var who = $"process {target.ProcessId} ({target.Name})";
        if (!ProcFs.Exists(target.ProcessId))
        {
            return new AsyncIoToolsException(FailureKind.TargetExited, $"{who} exited during the heap walk", e);
        }

        return e is UnauthorizedAccessException || e.Message.Contains("ermission", StringComparison.Ordinal)
            ? new AsyncIoToolsException(FailureKind.PermissionDenied, $"cannot attach to {who} to read its heap (ptrace was refused): run aiotools as the same user or as root", e)
            : new AsyncIoToolsException(FailureKind.RunFailed, $"cannot read the heap of {who}: {e.Message}", e);
    }

    private static void Validate(HotspotsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Top < 1)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, "--top must be at least 1");
        }
    }
}
