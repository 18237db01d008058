using System.Globalization;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Failures;
using AsyncIoTools.Processes;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// Before a run: the limits it will meet, against what it needs. What the process may raise (its soft
/// open-files limit) the runner raises; anything else that falls short stops the run with a message naming the
/// limit and the command that fixes it.
/// </summary>
public static class Preflight
{
    /// <summary>Kernel and user memory a connection costs (both loopback ends, buffers idle), with margin.</summary>
    private const long BytesPerConnection = 16 * 1024;

    private const int MinimumSomaxconn = 1024;

    /// <summary>
    /// The per-CPU input backlog loopback delivers every segment through: a burst of SYNs past it is dropped (the
    /// peer tables saw 6,100 softnet drops and 15,000 RTO timeouts in one 10,000-connection run at the default
    /// 1,000, none at 65,536). Advisory: the runner paces its connects, so a short one hurts rather than breaks a run.
    /// </summary>
    private const int NetdevBacklogWanted = 65_536;

    private const string CongestionControl = CongestionControls.DefaultSysctl;

    public static IReadOnlyList<PreflightCheck> Check(BenchmarkScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var connections = scenario.Sweep is { Parameter: "connections" } sweep ? (int)sweep.Values.Max() : scenario.Connections;
        var plan = CapacityPlan.For(connections, scenario.Workers, scenario.LoadProcesses);
        var checks = new List<PreflightCheck>();

        var perWorker = (connections + plan.Workers - 1) / plan.Workers;
        var perLoad = (connections + plan.LoadProcesses - 1) / plan.LoadProcesses;
        var busiest = Math.Max(perWorker, perLoad) + CapacityPlan.Reserve;
        checks.Add(new PreflightCheck(
            "open files per process (RLIMIT_NOFILE)",
            Count(busiest),
            Count(plan.HardLimit),
            busiest <= plan.HardLimit,
            $"raise the hard limit (ulimit -Hn, LimitNOFILE= for a service), or spread the connections: scenario \"workers\": {Math.Max(plan.Workers, (connections + plan.PerProcess - 1) / plan.PerProcess)}, \"loadProcesses\": {Math.Max(plan.LoadProcesses, (connections + plan.PerProcess - 1) / plan.PerProcess)}"));

        if (HostEnvironment.ReadSysctl("fs.nr_open") is { } nrOpen && long.TryParse(nrOpen, CultureInfo.InvariantCulture, out var maxPerProcess))
        {
            checks.Add(new PreflightCheck("fs.nr_open", Count(busiest), Count(maxPerProcess), busiest <= maxPerProcess, $"sysctl -w fs.nr_open={Math.Max(busiest, 1_048_576)}"));
        }

        if (HostEnvironment.ReadSysctl("net.core.somaxconn") is { } text && int.TryParse(text, CultureInfo.InvariantCulture, out var somaxconn))
        {
            checks.Add(new PreflightCheck("net.core.somaxconn", Count(MinimumSomaxconn), Count(somaxconn), somaxconn >= MinimumSomaxconn, "sysctl -w net.core.somaxconn=4096"));
        }

        if (HostEnvironment.ReadSysctl("net.core.netdev_max_backlog") is { } backlogText && int.TryParse(backlogText, CultureInfo.InvariantCulture, out var backlog))
        {
            var wanted = Math.Min(connections, NetdevBacklogWanted);
            checks.Add(new PreflightCheck("net.core.netdev_max_backlog", Count(wanted), Count(backlog), backlog >= wanted, $"sysctl -w net.core.netdev_max_backlog={NetdevBacklogWanted}", Advisory: true));
        }

        // Each load process connects from its own loopback addresses, each carrying what the port range allows.
        var ports = LoadPlan.EphemeralPortCount();
        var portsNeeded = LoadPlan.EphemeralPortsNeeded(perLoad);
        checks.Add(new PreflightCheck("ephemeral ports (net.ipv4.ip_local_port_range)", Count(portsNeeded), Count(ports), ports >= portsNeeded, "sysctl -w net.ipv4.ip_local_port_range=\"32768 60999\""));

        var memory = (connections * BytesPerConnection) + (scenario.File?.SizeBytes ?? 0) + (512L << 20);
        var available = HostEnvironment.AvailableMemoryBytes();
        checks.Add(new PreflightCheck("available memory", Bytes(memory), Bytes(available), available == 0 || memory <= available, "free memory, or run fewer connections"));

        // BBR paces a sender by its own bandwidth estimate (TCP's internal pacing: loopback has no fq qdisc). Over
        // loopback that estimate held every file server near 3,500-4,500 MiB/s, sendfile no faster than read/write,
        // and wandered from trial to trial (spreads up to 65%); under cubic sendfile moved 9,600 MiB/s. Advisory:
        // the figures are right for BBR, just not the copy's cost. A case that names its own control is not affected.
        var cases = scenario.Cases is { Count: > 0 } named ? named : [ScenarioCase.Default];
        if (scenario.File is not null && cases.Any(c => c.CongestionControl is null) && HostEnvironment.ReadSysctl(CongestionControl) is { } control)
        {
            checks.Add(new PreflightCheck(CongestionControl, "cubic (not bbr)", control, control != "bbr", $"sysctl -w {CongestionControl}=cubic, or \"congestionControl\": \"cubic\" in the scenario's cases", Advisory: true));
        }

        foreach (var wanted in cases.Select(c => c.CongestionControl).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            checks.Add(CongestionControlCheck(wanted));
        }

        if (scenario.Cases?.Any(c => c.FastOpen == true || c.ClientFastOpen == true) == true)
        {
            var mode = int.TryParse(HostEnvironment.ReadSysctl("net.ipv4.tcp_fastopen"), CultureInfo.InvariantCulture, out var value) ? value : 0;
            checks.Add(new PreflightCheck("net.ipv4.tcp_fastopen (client and server)", "3", mode.ToString(CultureInfo.InvariantCulture), (mode & 3) == 3, "sysctl -w net.ipv4.tcp_fastopen=3"));
        }

        return checks;
    }

    /// <summary>
    /// A control a case names must be loaded in this kernel and, unless we run as root, be one the kernel lets any
    /// user choose: otherwise every server of the case would fail to start, after the others' trials had run.
    /// </summary>
    private static PreflightCheck CongestionControlCheck(string wanted)
    {
        var available = CongestionControls.Listed(CongestionControls.AvailableSysctl);
        if (!available.Contains(wanted, StringComparer.Ordinal))
        {
            return new PreflightCheck($"TCP congestion control {wanted} ({CongestionControls.AvailableSysctl})", wanted, string.Join(' ', available), false, $"modprobe tcp_{wanted}, or name one of the available ones");
        }

        var allowed = CongestionControls.Listed(CongestionControls.AllowedSysctl);
        return new PreflightCheck(
            $"TCP congestion control {wanted} ({CongestionControls.AllowedSysctl})",
            wanted,
            Environment.IsPrivilegedProcess ? "root (any available one)" : string.Join(' ', allowed),
            Environment.IsPrivilegedProcess || allowed.Contains(wanted, StringComparer.Ordinal),
            $"run as root, or sysctl -w {CongestionControls.AllowedSysctl}=\"{string.Join(' ', allowed.Append(wanted))}\"");
    }

    /// <summary>Checks, raises the soft open-files limit, and stops with the first shortfall that is not advisory.</summary>
    public static IReadOnlyList<PreflightCheck> Enforce(BenchmarkScenario scenario)
    {
        ResourceLimits.RaiseOpenFilesToHard();
        var checks = Check(scenario);
        if (checks.FirstOrDefault(c => !c.Passed && !c.Advisory) is { } failed)
        {
            throw new AsyncIoToolsException(FailureKind.LimitTooLow, $"{scenario.Name} needs {failed.Name} of {failed.Needed}, but it is {failed.Actual}; fix: {failed.Fix}");
        }

        return checks;
    }

    /// <summary>What a result warns of: each advisory check that fell short, with its fix.</summary>
    public static IEnumerable<string> Warnings(IEnumerable<PreflightCheck> checks) =>
        checks.Where(c => c.Advisory && !c.Passed).Select(c => c.Name == CongestionControl
            ? $"preflight: {c.Name} is {c.Actual}: BBR paces bulk transfers over loopback by its own estimate, so file runs measure its pacing more than the transfer method, and trials disagree (fix: {c.Fix})"
            : $"preflight: {c.Name} is {c.Actual}, below {c.Needed}: the run may lose packets (fix: {c.Fix})");

    private static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    private static string Bytes(long value) => AsyncIoTools.Text.Units.Bytes(value);
}
