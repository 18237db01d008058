using System.Globalization;

namespace AsyncIoTools.Processes;

/// <summary>
/// Whole-machine counters at one instant: CPU time busy over all CPUs (/proc/stat), TCP segments sent, received
/// and retransmitted (/proc/net/snmp), and TCP socket memory and counts (/proc/net/sockstat).
/// </summary>
public sealed record SystemSnapshot(
    long BusyMicros,
    long TotalMicros,
    long TcpSegmentsOut,
    long TcpSegmentsIn,
    long TcpRetransmits,
    long TcpMemoryBytes,
    long TcpSocketsInUse,
    long TcpTimeWait,
    long SocketSlabBytes)
{
    /// <summary>Slab caches a socket's kernel objects live in: the TCP socket, its inode, file and dentry, epoll's item.</summary>
    private static readonly string[] SocketCaches = ["TCP", "TCPv6", "sock_inode_cache", "filp", "dentry", "eventpoll_epi", "eventpoll_pwq"];

    /// <summary>Kernel memory tied to sockets: TCP buffer pages plus the socket objects in slab.</summary>
    public long KernelSocketBytes => TcpMemoryBytes + SocketSlabBytes;

    private const long MicrosPerClockTick = 10_000;
    private const long PageBytes = 4096;

    public static SystemSnapshot Read()
    {
        var (busy, total) = ReadCpu();
        var snmp = ReadSnmpTcp();
        var sockstat = ReadSockstatTcp();
        return new SystemSnapshot(
            busy,
            total,
            snmp.GetValueOrDefault("OutSegs"),
            snmp.GetValueOrDefault("InSegs"),
            snmp.GetValueOrDefault("RetransSegs"),
            sockstat.GetValueOrDefault("mem") * PageBytes,
            sockstat.GetValueOrDefault("inuse"),
            sockstat.GetValueOrDefault("tw"),
            ReadSocketSlabBytes());
    }

    /// <summary>Bytes of active objects in the socket-related slab caches (0 where /proc/slabinfo is not readable).</summary>
    private static long ReadSocketSlabBytes()
    {
        try
        {
            long bytes = 0;
            foreach (var line in File.ReadLines("/proc/slabinfo").Skip(2))
            {
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 3 && SocketCaches.Contains(fields[0]))
                {
                    bytes += long.Parse(fields[1], CultureInfo.InvariantCulture) * long.Parse(fields[3], CultureInfo.InvariantCulture);
                }
            }

            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static (long Busy, long Total) ReadCpu()
    {
        // First line: cpu user nice system idle iowait irq softirq steal …
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Take(8).Sum();
        var idle = fields[3] + fields[4];
        return ((total - idle) * MicrosPerClockTick, total * MicrosPerClockTick);
    }

    private static Dictionary<string, long> ReadSnmpTcp()
    {
        // Two "Tcp:" lines: names, then values.
        var lines = File.ReadAllLines("/proc/net/snmp").Where(l => l.StartsWith("Tcp:", StringComparison.Ordinal)).ToArray();
        if (lines.Length < 2)
        {
            return [];
        }

        var names = lines[0].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        var values = lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1);
        return names.Zip(values).ToDictionary(p => p.First, p => long.Parse(p.Second, CultureInfo.InvariantCulture));
    }

    private static Dictionary<string, long> ReadSockstatTcp()
    {
        // "TCP: inuse 5 orphan 0 tw 2 alloc 7 mem 1"
        var line = File.ReadLines("/proc/net/sockstat").FirstOrDefault(l => l.StartsWith("TCP:", StringComparison.Ordinal));
        var parts = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray() ?? [];
        var values = new Dictionary<string, long>();
        for (var i = 0; i + 1 < parts.Length; i += 2)
        {
            values[parts[i]] = long.Parse(parts[i + 1], CultureInfo.InvariantCulture);
        }

        return values;
    }
}
