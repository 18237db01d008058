using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace AsyncIoTools.Results;

/// <summary>
/// Which load host a load report came from: its name and its interface addresses (loopback aside). Hosts of one
/// run may share a name (containers, network namespaces), so a report tells them apart by their addresses too.
/// </summary>
public sealed record LoadHostIdentity(string Name, IReadOnlyList<string> Addresses)
{
    public static LoadHostIdentity Capture()
    {
        var addresses = new List<string>();
        try
        {
            addresses.AddRange(NetworkInterface.GetAllNetworkInterfaces()
                .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .SelectMany(n => n.GetIPProperties().UnicastAddresses)
                .Where(a => a.Address.AddressFamily == AddressFamily.InterNetwork || (a.Address.AddressFamily == AddressFamily.InterNetworkV6 && !a.Address.IsIPv6LinkLocal))
                .Select(a => a.Address.ToString()));
        }
        catch (NetworkInformationException)
        {
            // No interface list to read: the name alone.
        }

        return new LoadHostIdentity(Environment.MachineName, addresses);
    }

    public override string ToString() => Addresses.Count == 0 ? Name : $"{Name} ({string.Join(", ", Addresses)})";
}
