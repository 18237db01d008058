using System.Diagnostics;
using System.Globalization;

namespace AsyncIoTools.Reports.Tests.MultiHost;

/// <summary>
/// A small network of our own: a server namespace with a bridge (10.201.0.1/24), joined by a veth pair to each
/// load-host namespace (10.201.0.1N), so every host reaches the server at the same address, as load hosts of one
/// run do. Addresses exist only inside these namespaces; nothing is routed to the machine's network. Removed on dispose.
/// </summary>
public sealed class NamespacedHosts : IDisposable
{
    private readonly string _prefix = $"ai{Environment.ProcessId % 10000}{Random.Shared.Next(100, 999)}";
    private readonly List<string> _namespaces = [];

    public NamespacedHosts(int hosts)
    {
        Server = $"{_prefix}s";
        Run("ip", "netns", "add", Server);
        _namespaces.Add(Server);
        Run("ip", "-n", Server, "link", "set", "lo", "up");
        Run("ip", "-n", Server, "link", "add", $"{_prefix}br", "type", "bridge");
        Run("ip", "-n", Server, "addr", "add", "10.201.0.1/24", "dev", $"{_prefix}br");
        Run("ip", "-n", Server, "link", "set", $"{_prefix}br", "up");
        for (var i = 1; i <= hosts; i++)
        {
            var host = $"{_prefix}h{i}";
            Run("ip", "netns", "add", host);
            _namespaces.Add(host);
            Run("ip", "-n", host, "link", "set", "lo", "up");
            // The pair is created inside the server's namespace and one end moved: nothing appears in ours.
            Run("ip", "-n", Server, "link", "add", $"{_prefix}a{i}", "type", "veth", "peer", "name", $"{_prefix}b{i}", "netns", host);
            Run("ip", "-n", Server, "link", "set", $"{_prefix}a{i}", "master", $"{_prefix}br");
            Run("ip", "-n", host, "addr", "add", $"10.201.0.{10 + i}/24", "dev", $"{_prefix}b{i}");
            Run("ip", "-n", Server, "link", "set", $"{_prefix}a{i}", "up");
            Run("ip", "-n", host, "link", "set", $"{_prefix}b{i}", "up");
            Hosts.Add((host, "10.201.0.1", $"10.201.0.{10 + i}"));
        }
    }

    public string Server { get; }

    /// <summary>Each load host: its namespace, the server's address on its link, its own address.</summary>
    public List<(string Namespace, string ServerAddress, string Address)> Hosts { get; } = [];

    /// <summary>Null when namespaces can be made here; otherwise why not (said plainly by the test).</summary>
    public static string? WhyUnavailable()
    {
        var probe = $"aiprobe{Environment.ProcessId}";
        try
        {
            var (code, error) = Exec("ip", "netns", "add", probe);
            if (code != 0)
            {
                return $"network namespaces cannot be created here (ip netns add: {error.Trim()}); the multi-host merge was NOT tested against namespaced hosts";
            }

            Exec("ip", "netns", "del", probe);
            return null;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return $"the ip tool is missing ({e.Message}); the multi-host merge was NOT tested against namespaced hosts";
        }
    }

    public void Dispose()
    {
        foreach (var name in _namespaces)
        {
            Exec("ip", "netns", "del", name);
        }
    }

    public static (int Code, string Error) Exec(string file, params string[] arguments)
    {
        using var process = Process.Start(TestProcesses.StartInfo(file, arguments))!;
        var error = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, error);
    }

    private static void Run(string file, params string[] arguments)
    {
        var (code, error) = Exec(file, arguments);
        if (code != 0)
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{file} {string.Join(' ', arguments)} failed ({code}): {error}"));
        }
    }
}
