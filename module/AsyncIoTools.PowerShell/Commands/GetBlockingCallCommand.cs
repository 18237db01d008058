using System.Globalization;
using System.Management.Automation;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.PowerShell.Arguments;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Output;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary>
/// <c>Get-BlockingCall</c> (<c>aiotools blocking</c>): which methods block thread-pool threads (sync-over-async,
/// waits, locks, sleeps), one object per blocking site, most blocked time first.
/// </summary>
[Cmdlet(VerbsCommon.Get, "BlockingCall", DefaultParameterSetName = ParameterSets.ProcessId)]
[OutputType(typeof(BlockingCallSite))]
public sealed class GetBlockingCallCommand : SingleTargetCmdlet
{
    [Parameter]
    [DurationTransformation]
    public TimeSpan Duration { get; set; } = BlockingSettings.Defaults.Duration;

    /// <summary>How many blocking sites to report.</summary>
    [Parameter]
    [ValidateRange(1, int.MaxValue)]
    public int Top { get; set; } = BlockingSettings.Defaults.Top;

    /// <summary>Count waits on every thread, not only pool workers.</summary>
    [Parameter]
    public SwitchParameter AllThreads { get; set; }

    /// <summary>Also keep the raw session as a .nettrace file (never overwritten).</summary>
    [Parameter]
    public string? TraceOut { get; set; }

    protected override void ProcessRecord()
    {
        var options = Targeting(new BlockingOptions
        {
            Duration = Duration,
            Top = Top,
            AllThreads = AllThreads,
            TraceOut = TraceOut is { } traceOut ? FileSystemPath(traceOut) : null,
        });
        var report = RunTimed(
            options,
            options.Duration,
            "recording",
            cancellationToken => BlockingProfiler.RunAsync(options, cancellationToken),
            (port, cancellationToken) => BlockingProfiler.RunAsync(port, options, cancellationToken));
        if (report is null)
        {
            return;
        }

        WriteVerbose(string.Create(CultureInfo.InvariantCulture, $"{report.Target.Name} (process {report.Target.ProcessId}): {report.Seconds:0.#} s, {report.WaitEvents:#,0} wait events, {report.ProfilerSamples:#,0} samples, {report.PoolThreads} pool threads{(report.TraceFile is { } file ? ", trace " + file : string.Empty)}"));
        WriteObject(report.Sites.Select(s => new BlockingCallSite(report.Target.ProcessId, s)), enumerateCollection: true);
        ReportEnd(report.End, "sites", TargetLabel, launched: options.LaunchCommand is not null);
    }
}
