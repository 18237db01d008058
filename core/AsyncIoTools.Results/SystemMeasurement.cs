using AsyncIoTools.Processes;

namespace AsyncIoTools.Results;

/// <summary>
/// The machine during one trial: CPU used by processes other than the run's own (the runner, its server and its load
/// processes; kernel threads count as other) and the hypervisor's steal, both noise; TCP segments (both directions on
/// loopback, the whole host) with retransmissions; packets the input backlog dropped and RTO timeouts (null in results
/// written before they were recorded): non-zero, the network stack hurt the trial.
/// </summary>
public sealed record SystemMeasurement(long OtherCpuMicros, double OtherCpuShare, long TcpSegmentsOut, long TcpSegmentsIn, long TcpRetransmits, double? SegmentsPerRequest)
{
    /// <summary>Packets dropped because a CPU's input backlog (net.core.netdev_max_backlog) was full, whole host.</summary>
    public long? SoftnetDrops { get; init; }

    /// <summary>TCP retransmission timeouts, whole host: each stalled a connection for an RTO (~200 ms).</summary>
    public long? TcpTimeouts { get; init; }

    /// <summary>
    /// Time the hypervisor gave this virtual machine's CPUs to someone else while they had work (/proc/stat steal), as a
    /// share of one CPU; null in results written before it was recorded.
    /// </summary>
    public double? StealCpuShare { get; init; }

    /// <summary>
    /// CPU time the machine was busy during the trial that no process was charged for (<see cref="CpuCensus.UnchargedSince"/>):
    /// on loopback, the trial's own network work that is in neither the server's CPU nor the load's; null in results
    /// written before it was recorded.
    /// </summary>
    public long? UnchargedCpuMicros { get; init; }

    /// <summary><see cref="UnchargedCpuMicros"/> per request the server answered.</summary>
    public double? UnchargedCpuMicrosPerRequest { get; init; }

    /// <summary>The other process that used the most CPU during the trial (its command name); null if none used any.</summary>
    public string? BusiestOtherProcess { get; init; }

    /// <summary>What <see cref="BusiestOtherProcess"/> used, as a share of one CPU.</summary>
    public double? BusiestOtherCpuShare { get; init; }

    /// <param name="otherCpuMicros">CPU time other processes used between the snapshots (<see cref="CpuCensus"/>).</param>
    /// <param name="seconds">Wall time between the snapshots.</param>
    /// <param name="busiestOther">The other process that used the most of it: its name and CPU time.</param>
    /// <param name="unchargedCpuMicros">Busy time no process was charged for (<see cref="CpuCensus.UnchargedSince"/>).</param>
    public static SystemMeasurement Between(SystemSnapshot before, SystemSnapshot after, long otherCpuMicros, double seconds, long requests, (string Name, long CpuMicros)? busiestOther = null, long? unchargedCpuMicros = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var other = Math.Max(0, otherCpuMicros);
        var segments = after.TcpSegmentsOut - before.TcpSegmentsOut;
        return new SystemMeasurement(
            other,
            seconds > 0 ? other / (seconds * 1e6) : 0,
            segments,
            after.TcpSegmentsIn - before.TcpSegmentsIn,
            after.TcpRetransmits - before.TcpRetransmits,
            requests > 0 ? (double)segments / requests : null)
        {
            SoftnetDrops = after.SoftnetDrops - before.SoftnetDrops,
            TcpTimeouts = after.TcpTimeouts - before.TcpTimeouts,
            StealCpuShare = seconds > 0 ? Math.Max(0, after.StealMicros - before.StealMicros) / (seconds * 1e6) : 0,
            UnchargedCpuMicros = unchargedCpuMicros,
            UnchargedCpuMicrosPerRequest = unchargedCpuMicros is { } uncharged && requests > 0 ? (double)uncharged / requests : null,
            BusiestOtherProcess = busiestOther?.Name,
            BusiestOtherCpuShare = busiestOther is { } busiest && seconds > 0 ? busiest.CpuMicros / (seconds * 1e6) : null,
        };
    }
}
