using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// <c>aiotools hotspots</c>: pending async calls per method, from one ClrMD snapshot of the live heap (the target
/// is suspended while its heap is walked: about half a second for a 50 MB heap). The snapshot is taken by a helper
/// process that a timeout or Ctrl+C can kill, after which the target is continued (see <see cref="HeapSnapshotProcess"/>).
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

    public static async Task<HotspotsReport> ScanAsync(DotNetTarget target, HotspotsOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        Validate(options);
        var snapshot = await HeapSnapshotProcess.TakeAsync(target, options.Top, options.Timeout, onAttached: null, cancellationToken);
        return new HotspotsReport(target, snapshot.PauseMilliseconds, snapshot.Scanned, snapshot.Pending, snapshot.Methods);
    }

    private static void Validate(HotspotsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Top < 1)
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"{Setting.Top} must be at least 1");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"{Setting.Timeout} must be positive");
        }
    }
}
