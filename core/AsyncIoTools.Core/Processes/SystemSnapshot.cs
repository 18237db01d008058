using System.Globalization;

namespace AsyncIoTools.Processes;

/// <summary>
/// Whole-machine counters at one instant: time the hypervisor kept the CPUs from running (/proc/stat's steal), TCP
/// segments sent, received and retransmitted (/proc/net/snmp), and TCP socket memory and counts (/proc/net/sockstat);
/// packets the per-CPU
/// input backlog dropped (/proc/net/softnet_stat: loopback delivers every segment through it) and TCP's RTO
/// timeouts (/proc/net/netstat), which say a run was hurt by the network stack rather than by the server.
/// </summary>
public sealed record SystemSnapshot(
    long StealMicros,
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

    /// <summary>Packets dropped because a CPU's input backlog (net.core.netdev_max_backlog) was full, all CPUs.</summary>
    public long SoftnetDrops { get; init; }

    /// <summary>TCP retransmission timeouts (TcpExt TCPTimeouts): each stalled a connection for an RTO.</summary>
    public long TcpTimeouts { get; init; }

    /// <summary>Kernel memory tied to sockets: TCP buffer pages plus the socket objects in slab.</summary>
    public long KernelSocketBytes => TcpMemoryBytes + SocketSlabBytes;

    private const long PageBytes = 4096;

    public static SystemSnapshot Read()
    {
        var snmp = ReadSnmpTcp();
        var sockstat = ReadSockstatTcp();
        return new SystemSnapshot(
            MachineCpuTimes.Read().StealMicros,
            snmp.GetValueOrDefault("OutSegs"),
            snmp.GetValueOrDefault("InSegs"),
            snmp.GetValueOrDefault("RetransSegs"),
            sockstat.GetValueOrDefault("mem") * PageBytes,
            sockstat.GetValueOrDefault("inuse"),
            sockstat.GetValueOrDefault("tw"),
            ReadSocketSlabBytes())
        {
            SoftnetDrops = ReadSoftnetDrops(),
            TcpTimeouts = ReadNetstatValue("TcpExt:", "TCPTimeouts"),
        };
    }

    /// <summary>Column 2 of /proc/net/softnet_stat (hexadecimal, one line per CPU), summed; 0 where it is absent.</summary>
    public static long SumSoftnetDrops(IEnumerable<string> lines) =>
        lines.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length > 1)
            .Sum(f => long.Parse(f[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture));

    /// <summary>A counter of a netstat-style file, where a group is a line of names then a line of values.</summary>
    public static long NetstatValue(IReadOnlyList<string> lines, string group, string name)
    {
        var rows = lines.Where(l => l.StartsWith(group, StringComparison.Ordinal)).ToArray();
        for (var i = 0; i + 1 < rows.Length; i += 2)
        {
            var names = rows[i].Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var index = Array.IndexOf(names, name);
            if (index > 0)
            {
                var values = rows[i + 1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return index < values.Length ? long.Parse(values[index], CultureInfo.InvariantCulture) : 0;
            }
        }

        return 0;
    }

    private static long ReadSoftnetDrops()
    {
        try
        {
            return SumSoftnetDrops(File.ReadLines("/proc/net/softnet_stat"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    private static long ReadNetstatValue(string group, string name)
    {
        try
        {
            return NetstatValue(File.ReadAllLines("/proc/net/netstat"), group, name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
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
