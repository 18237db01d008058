using AsyncIoTools.Processes;

namespace AsyncIoTools.Results;

/// <summary>
/// The machine during one trial: CPU used by processes other than the server and the load generator (noise),
/// and TCP segments (both directions on loopback, the whole host) with retransmissions; packets the input backlog
/// dropped and RTO timeouts (null in results written before they were recorded): non-zero, the network stack hurt
/// the trial.
/// </summary>
public sealed record SystemMeasurement(long OtherCpuMicros, double OtherCpuShare, long TcpSegmentsOut, long TcpSegmentsIn, long TcpRetransmits, double? SegmentsPerRequest)
{
    /// <summary>Packets dropped because a CPU's input backlog (net.core.netdev_max_backlog) was full, whole host.</summary>
    public long? SoftnetDrops { get; init; }

    /// <summary>TCP retransmission timeouts, whole host: each stalled a connection for an RTO (~200 ms).</summary>
    public long? TcpTimeouts { get; init; }

    public static SystemMeasurement Between(SystemSnapshot before, SystemSnapshot after, long ourCpuMicros, double seconds, long requests)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var other = Math.Max(0, after.BusyMicros - before.BusyMicros - ourCpuMicros);
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
        };
    }
}
