using System.Net;
using System.Net.Sockets;

namespace AsyncIoTools.Tests.Support;

/// <summary>Ports on 127.0.0.1 for a test's own listeners (a stand-in collector, a scrape endpoint) or for nothing to listen on.</summary>
public static class LoopbackPorts
{
    /// <summary>A port the kernel just handed out and released: free now, though nothing holds it for the caller.</summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
