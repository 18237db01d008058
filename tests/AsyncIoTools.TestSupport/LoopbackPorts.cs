using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AsyncIoTools.Tests.Support;

/// <summary>Ports on 127.0.0.1 for a test's own listeners (a stand-in collector, a scrape endpoint) or for nothing to listen on.</summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;
    private const int Highest = 65_535;
    private static readonly HashSet<int> s_given = [];

    /// <summary>
    /// A port that was free just now, outside the kernel's ephemeral range, and not given out before in this process.
    /// Nothing holds it for the caller, but the kernel never hands a port outside that range to another socket's
    /// bind(0) or connect(), which the load tests beside this one make by the thousand: only a listener asking for
    /// this very number could take it. Where the range leaves no room on either side, a port bind(0) gave.
    /// </summary>
    public static int Free()
    {
        var (low, high) = EphemeralRange();
        var outside = new List<(int From, int To)>();
        if (low - Lowest >= 1000)
        {
            outside.Add((Lowest, low - 1));
        }

        if (Highest - high >= 1000)
        {
            outside.Add((high + 1, Highest));
        }

        for (var attempt = 0; attempt < 200 && outside.Count > 0; attempt++)
        {
            var (from, to) = outside[Random.Shared.Next(outside.Count)];
            var port = Random.Shared.Next(from, to + 1);
            if (TryBind(port) && Give(port))
            {
                return port;
            }
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static bool Give(int port)
    {
        lock (s_given)
        {
            return s_given.Add(port);
        }
    }

    private static bool TryBind(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
        {
            return false;
        }
    }

    /// <summary>net.ipv4.ip_local_port_range (32768-60999 by default).</summary>
    private static (int Low, int High) EphemeralRange()
    {
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return (int.Parse(range[0], CultureInfo.InvariantCulture), int.Parse(range[1], CultureInfo.InvariantCulture));
    }
}
