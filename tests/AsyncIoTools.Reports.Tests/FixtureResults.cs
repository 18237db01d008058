using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Reports.Tests;

/// <summary>
/// Hand-written result documents for tests: every figure is chosen here, none was measured. Trials spread evenly
/// around the given medians (median, median × (1 − spread), median × (1 + spread)), so that the summaries the runner's
/// own <see cref="SummaryPoints.ForRun"/> derives have known medians.
/// </summary>
internal static class FixtureResults
{
    public static readonly DateTimeOffset Start = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static HostEnvironment Machine(string hostname = "fixture-host", string kernel = "6.1.0-fixture") => new()
    {
        Hostname = hostname,
        Os = "Debian GNU/Linux 12 (bookworm)",
        Kernel = kernel,
        CpuModel = "Fixture CPU",
        LogicalCpus = 2,
        VirtualMachine = true,
        MemoryBytes = 24L * 1024 * 1024 * 1024,
        Dotnet = ".NET 10.0.0",
        ToolVersion = "0.1.0",
        OpenFilesSoft = 20_000,
        OpenFilesHard = 20_000,
        Sysctls = new Dictionary<string, string> { ["net.core.somaxconn"] = "4096", ["fs.nr_open"] = "1048576" },
    };

    /// <param name="shape">Changes to the scenario record (protocol, cases, sweep) before the runs are summarised against it.</param>
    public static BenchmarkResult Result(
        string scenario,
        IReadOnlyList<EngineRun> runs,
        HostEnvironment? machine = null,
        DateTimeOffset? started = null,
        string? description = null,
        Func<BenchmarkScenario, BenchmarkScenario>? shape = null)
    {
        var at = started ?? Start;
        var scenarioRecord = new BenchmarkScenario
        {
            Name = scenario,
            Description = description ?? "fixture: hand-written figures",
            Connections = runs.Count > 0 ? runs.Max(r => r.Connections) : 1000,
            DurationSeconds = 5,
            WarmupSeconds = 2,
            Trials = 3,
        };
        scenarioRecord = shape?.Invoke(scenarioRecord) ?? scenarioRecord;
        var completed = runs.Select(r => r.Status == RunStatus.Completed ? r with { Summary = SummaryPoints.ForRun(r, scenarioRecord) } : r).ToList();
        return new BenchmarkResult
        {
            StartedAt = at,
            FinishedAt = at.AddMinutes(3),
            CommandLine = $"/opt/aiotools/aiotools.dll bench --scenario {scenario}",
            Environment = machine ?? Machine(),
            Scenario = scenarioRecord,
            Pinning = new PinningPlan(true, [0], [1], 1, 1),
            Runs = completed,
            Summary = completed.Select(r => r.Summary).OfType<SummaryPoint>().ToList(),
        };
    }

    /// <summary>
    /// A completed run whose trials have the given medians and relative spread. The median latency is a quarter of
    /// <paramref name="p99Micros"/>. Segments per request and other processes' CPU share, when given, make a
    /// system measurement per trial; <paramref name="kernelPerConnection"/> the kernel's socket memory per connection.
    /// </summary>
    public static EngineRun Run(
        string engine,
        string? variant = null,
        int connections = 1000,
        int active = 0,
        double requestsPerSecond = 100_000,
        double p99Micros = 900,
        double cpuMicros = 8,
        double? syscalls = 2,
        double rssPerConnection = 200,
        double spread = 0.02,
        int trials = 3,
        long errors = 0,
        long bytesPerRequest = 130,
        long refused = 0,
        int? connected = null,
        string? caseName = null,
        string? sweepParameter = null,
        double? sweepValue = null,
        double? segments = null,
        double? otherCpuShare = null,
        double? kernelPerConnection = null)
    {
        var factors = trials switch
        {
            1 => new[] { 1.0 },
            _ => Enumerable.Range(0, trials).Select(i => 1 + (spread * (i % 3 == 0 ? 0 : i % 3 == 1 ? -1 : 1))).ToArray(),
        };
        var list = factors
            .Select((f, i) => Trial(i + 1, requestsPerSecond * f, p99Micros / f, cpuMicros / f, syscalls, i == 0 ? errors : 0, bytesPerRequest, refused) with
            {
                System = segments is null && otherCpuShare is null ? null : System(requestsPerSecond * f, segments, otherCpuShare ?? 0.02),
            })
            .ToList();
        var kernel = kernelPerConnection is { } k ? (long?)(k * connections) : null;
        return new EngineRun
        {
            Engine = engine,
            Variant = variant,
            Case = caseName ?? ScenarioCase.Default.Name,
            SweepParameter = sweepParameter,
            SweepValue = sweepValue,
            Status = RunStatus.Completed,
            Connections = connections,
            Active = active > 0 ? active : connections,
            ServerCommand = $"aiotools serve --engine {engine}",
            Ramp = new RampResult(connections, connected ?? connections, TimeSpan.FromMilliseconds(50), 0, 1, 1),
            Memory = new MemoryMeasurement(30_000_000, 30_000_000 + (long)(rssPerConnection * connections), 40_000_000, rssPerConnection, kernel is null ? null : 0, kernel, kernelPerConnection),
            Trials = list,
        };
    }

    public static EngineRun NotRun(string engine, RunStatus status, string reason, int connections = 1000, int active = 0, string? caseName = null) => new()
    {
        Engine = engine,
        Case = caseName ?? ScenarioCase.Default.Name,
        Status = status,
        Reason = reason,
        Connections = connections,
        Active = active > 0 ? active : connections,
    };

    private static SystemMeasurement System(double rps, double? segments, double otherShare)
    {
        const double seconds = 5;
        var requests = (long)(rps * seconds);
        var sent = segments is { } s ? (long)(s * requests) : 0;
        return new SystemMeasurement((long)(otherShare * seconds * 1e6), otherShare, sent, sent, 0, segments);
    }

    private static TrialResult Trial(int index, double rps, double p99, double cpu, double? syscalls, long errors, long bytesPerRequest, long refused)
    {
        const double seconds = 5;
        var requests = (long)(rps * seconds);
        var latency = new LatencySummary(requests, p99 / 3, p99 / 4, p99 / 2, p99, p99 * 1.5, p99 * 2, 10_000, (long)(p99 * 2000), []);
        var client = new ClientMeasurement(seconds, requests, rps, latency, null, new LoadErrors(0, errors, 0, 0, 0, 0), requests * 90, requests * bytesPerRequest, 0, 1000, 1_000_000, 0.4);
        var cpuTotal = (long)(cpu * requests);
        var server = new ServerMeasurement(cpuTotal / 3, cpuTotal - (cpuTotal / 3), cpu, 40_000_000, 40_000_000, 10, 100, 3);
        var calls = syscalls is { } s ? (long)(s * requests) : 0;
        var counters = new CounterMeasurement(
            requests, requests * 90, requests * bytesPerRequest, 0, 0, refused, 1000, requests, 10, 0, 0, 0,
            syscalls is not null,
            syscalls is null ? new Dictionary<string, long>() : new Dictionary<string, long> { ["read"] = calls / 2, ["write"] = calls - (calls / 2) },
            calls,
            syscalls);
        return new TrialResult(index, client, server, counters);
    }
}
