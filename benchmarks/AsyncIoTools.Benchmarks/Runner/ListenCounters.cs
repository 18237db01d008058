using System.Globalization;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// The machine's TcpExt counters that explain a slow ramp (/proc/net/netstat): SYNs a full listen queue dropped
/// (ListenDrops, which counts ListenOverflows too) and SYNs the clients sent again (TCPSynRetrans). Each dropped
/// SYN costs its connection the 1 s initial retransmission timeout.
/// </summary>
public sealed record ListenCounters(long ListenDrops, long SynRetransmits)
{
    public static ListenCounters Read()
    {
        try
        {
            var lines = File.ReadAllLines("/proc/net/netstat").Where(l => l.StartsWith("TcpExt:", StringComparison.Ordinal)).ToArray();
            if (lines.Length < 2)
            {
                return new ListenCounters(0, 0);
            }

            var values = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Zip(lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1))
                .ToDictionary(p => p.First, p => long.Parse(p.Second, CultureInfo.InvariantCulture));
            return new ListenCounters(values.GetValueOrDefault("ListenDrops"), values.GetValueOrDefault("TCPSynRetrans"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return new ListenCounters(0, 0);
        }
    }

    public ListenCounters Since(ListenCounters before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return new ListenCounters(ListenDrops - before.ListenDrops, SynRetransmits - before.SynRetransmits);
    }
}
