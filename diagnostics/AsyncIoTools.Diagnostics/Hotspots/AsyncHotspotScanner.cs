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

    /// <summary>
    /// A heap snapshot of an app held on our diagnostic port (or one we launch): it is let run for
    /// <see cref="HotspotsOptions.Duration"/>, then snapshotted as any running process.
    /// </summary>
    public static async Task<HotspotsReport> ScanAsync(PortAttachment port, HotspotsOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(port);
        Validate(options);
        port.Resume();
        await Task.Delay(options.Duration, cancellationToken);
        return await ScanAsync(ForConnected(port, options), cancellationToken);
    }

    /// <summary>
    /// The options for the process that connected to <paramref name="port"/>, as a running process: a heap snapshot
    /// and the opt-in trace attach to it by id once it runs.
    /// </summary>
    public static HotspotsOptions ForConnected(PortAttachment port, HotspotsOptions options)
    {
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(options);
        return port.Target.ProcessId > 0
            ? options with { ProcessId = port.Target.ProcessId, ProcessName = null, DiagnosticPort = null, LaunchCommand = null }
            : throw AsyncIoToolsException.ForSettings(FailureKind.NoSuchProcess, $"cannot tell which process connected to {port.Target.EndpointPath}; give its id with {Setting.ProcessId} instead");
    }

    private static void Validate(HotspotsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        HotspotsSettings.Table.Validate(options);
    }
}
