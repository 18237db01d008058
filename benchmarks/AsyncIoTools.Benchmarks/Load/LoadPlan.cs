using AsyncIoTools.Processes;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AsyncIoTools.Failures;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Benchmarks.Load;

/// <summary>Checks load options and decides what they leave open: threads, source addresses, descriptors.</summary>
public static class LoadPlan
{
    /// <summary>Local ports left free for everything else on the machine when one source address is filled.</summary>
    private const int PortMargin = 1000;

    public static void Validate(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        LoadSettings.Table.Validate(options);
        Require(options.Duration > TimeSpan.Zero, $"{Setting.Duration} must be positive");
        Require(options.Timeout > TimeSpan.Zero, $"{Setting.Timeout} must be positive");
        Require(options.Rate is null || options.Pipeline == 1, $"{Setting.Rate} measures each request from its intended start and cannot be combined with {Setting.Pipeline}");
        Require(options.RequestsPerConnection == 0 || options.Pipeline == 1, $"{Setting.RequestsPerConnection} cannot be combined with {Setting.Pipeline}");
        Require(options.Path.StartsWith('/') && !options.Path.Any(char.IsWhiteSpace), $"the path of {Setting.Target} must start with / and hold no spaces (got '{options.Path}')");
    }

    /// <summary>Threads to use: as asked, or one per usable CPU but no more than one per 16 connections.</summary>
    public static int Threads(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threads > 0)
        {
            return Math.Min(options.Threads, options.Connections);
        }

        var cpus = CpuAffinity.OfCurrentThread().Count;
        return Math.Clamp((options.Connections + 15) / 16, 1, Math.Max(1, cpus));
    }

    /// <summary>
    /// Source addresses to connect from. One address reaches one server port from at most as many local ports as
    /// the ephemeral range holds (about 28,000 here), so more connections to a loopback target are spread over
    /// 127.0.0.1, 127.0.0.2, … — every 127/8 address is local on Linux — each filled only to
    /// <see cref="PortsPerLoopbackSource"/>, where connect() still finds a free port at once.
    /// </summary>
    public static IReadOnlyList<IPAddress>? SourceAddresses(LoadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SourceAddresses is { Count: > 0 } given)
        {
            return given;
        }

        var perAddress = PortsPerSourceAddress(EphemeralPortCount());
        var needed = (options.Connections + perAddress - 1) / perAddress;
        var loopback = IPAddress.IsLoopback(options.Target.Address) && options.Target.AddressFamily == AddressFamily.InterNetwork;
        if (needed <= 1 && (!loopback || LoopbackSourcesFor(options.Connections) <= 1))
        {
            return null;
        }

        if (!loopback)
        {
            throw AsyncIoToolsException.ForSettings(
                FailureKind.LimitTooLow,
                $"{options.Connections} connections to one port need {needed} source addresses ({perAddress} ports each); give them with {Setting.SourceAddresses}");
        }

        if (needed > MaximumSourceAddresses)
        {
            throw new AsyncIoToolsException(
                FailureKind.LimitTooLow,
                $"{options.Connections} connections need {needed} source addresses of {perAddress} ports each, more than the {MaximumSourceAddresses} this plan uses; "
                + $"widen the ephemeral port range (sysctl -w net.ipv4.ip_local_port_range=\"32768 60999\") or spread the load over processes");
        }

        return LoopbackSources(1, Math.Min(MaximumSourceAddresses, LoopbackSourcesFor(options.Connections)));
    }

    /// <summary>Loopback source addresses for <paramref name="connections"/>, each filled to <see cref="PortsPerLoopbackSource"/>.</summary>
    public static int LoopbackSourcesFor(int connections)
    {
        var perAddress = PortsPerLoopbackSource(EphemeralPortCount());
        return Math.Max(1, (connections + perAddress - 1) / perAddress);
    }

    /// <summary>Loopback addresses 127.0.x.y numbered from <paramref name="first"/> (1 is 127.0.0.1): every 127/8 address is local on Linux.</summary>
    public static IPAddress[] LoopbackSources(int first, int count) =>
        Enumerable.Range(first, count).Select(n => new IPAddress(new byte[] { 127, 0, (byte)(n >> 8), (byte)(n & 0xFF) })).ToArray();

    /// <summary>Source addresses one load process connects from at most (127.0.0.1 … 127.0.0.250).</summary>
    public const int MaximumSourceAddresses = 250;

    /// <summary>
    /// Connections one source address carries to one server port: the ephemeral range less a margin for the
    /// machine's other connections (half the range when it is small), never the range's full width.
    /// </summary>
    public static int PortsPerSourceAddress(int ephemeralPorts) =>
        ephemeralPorts > 2 * PortMargin ? ephemeralPorts - PortMargin : Math.Max(1, ephemeralPorts / 2);

    /// <summary>
    /// Connections one loopback source address is given when addresses cost nothing: a quarter of the ephemeral
    /// range. connect() tries ports of one parity first (half the range) and walks past every one in use: with
    /// 16,667 connections on one address, __inet_check_established took half the load process's CPU (perf) and
    /// the ramp 8–15 s; over three addresses it took 1.8 s.
    /// </summary>
    public static int PortsPerLoopbackSource(int ephemeralPorts) => Math.Max(1, Math.Min(PortsPerSourceAddress(ephemeralPorts), ephemeralPorts / 4));

    /// <summary>The smallest ephemeral range over which one process can open <paramref name="connections"/> from its source addresses.</summary>
    public static int EphemeralPortsNeeded(int connections)
    {
        var perAddress = (connections + MaximumSourceAddresses - 1) / MaximumSourceAddresses;
        return perAddress > PortMargin ? perAddress + PortMargin : 2 * perAddress;
    }

    /// <summary>Raises the soft open-files limit as far as allowed; fails with the fix if it is still too low.</summary>
    public static void EnsureDescriptors(int connections, string who)
    {
        var limit = ResourceLimits.RaiseOpenFilesToHard();
        var needed = connections + 64;
        if (limit.Hard < needed)
        {
            throw new AsyncIoToolsException(
                FailureKind.LimitTooLow,
                $"{who} needs about {needed} open files for {connections} connections, but RLIMIT_NOFILE is {limit.Hard} (hard); "
                + "raise it (ulimit -Hn, or LimitNOFILE= for a service) or spread the connections over several processes");
        }
    }

    public static int EphemeralPortCount()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(parts[1], CultureInfo.InvariantCulture) - int.Parse(parts[0], CultureInfo.InvariantCulture) + 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return 28232; // Linux's default range, 32768–60999.
        }
    }

    private static void Require(bool condition, FormattableString message)
    {
        if (!condition)
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, message);
        }
    }
}
