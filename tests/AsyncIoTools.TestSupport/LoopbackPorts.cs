using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace AsyncIoTools.Tests.Support;

/// <summary>Ports on 127.0.0.1 for a test's own listeners (a stand-in collector, a scrape endpoint) or for nothing to listen on.</summary>
public static class LoopbackPorts
{
    private const int Lowest = 10_000;

    /// <summary>
    /// A port that was free just now, below the kernel's ephemeral range. Nothing holds it for the caller, but the
    /// kernel never hands a port below that range to another socket's bind(0) or connect(), which the load tests
    /// beside this one make by the thousand: only a listener asking for this very number could take it.
    /// </summary>
    public static int Free()
    {
        var below = EphemeralLow();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(Lowest, below);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
            }
        }

        throw new InvalidOperationException($"no free port on 127.0.0.1 between {Lowest} and {below} after 200 tries");
    }

    /// <summary>The first port of net.ipv4.ip_local_port_range (32768 by default).</summary>
    private static int EphemeralLow()
    {
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var low = int.Parse(range[0], CultureInfo.InvariantCulture);
        return low > Lowest + 1000 ? low : throw new InvalidOperationException($"the ephemeral port range starts at {low}: too low to keep the tests' ports out of it");
    }
}
