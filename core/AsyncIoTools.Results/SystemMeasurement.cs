using AsyncIoTools.Processes;

namespace AsyncIoTools.Results;

/// <summary>
/// The machine during one trial: CPU used by processes other than the server and the load generator (noise),
/// and TCP segments (both directions on loopback, the whole host) with retransmissions.
/// </summary>
public sealed record SystemMeasurement(long OtherCpuMicros, double OtherCpuShare, long TcpSegmentsOut, long TcpSegmentsIn, long TcpRetransmits, double? SegmentsPerRequest)
{
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
            requests > 0 ? (double)segments / requests : null);
    }
}
