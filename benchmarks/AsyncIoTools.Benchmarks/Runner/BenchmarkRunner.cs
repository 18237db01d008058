using System.Net;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Failures;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// Runs a benchmark: for each engine, a server in a child process pinned apart from the load generator; the
/// connections opened once; a warm-up; then T trials, each measured on both sides (client latency and
/// throughput; server CPU, memory and context switches from /proc; the engine's exact syscall counts). The
/// result keeps every raw figure, the environment and the command, and is written atomically.
/// </summary>
public static class BenchmarkRunner
{
    public static async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, IProgress<BenchmarkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        var engines = SelectEngines(options.Engines);
        var launch = options.Launch ?? ServerLaunch.Locate();
        var pinning = PinningPlan.Decide(options.Pin, options.ServerLoops);
        var environment = HostEnvironment.Capture();
        engines = await CheckDescriptorCeilingsAsync(engines, options, launch, pinning, cancellationToken);
        var original = CpuAffinity.OfCurrentThread();
        if (pinning.Pinned)
        {
            CpuAffinity.PinProcess(Environment.ProcessId, pinning.LoadCpus.ToArray());
        }

        var runs = new List<EngineRun>();
        try
        {
            foreach (var (engine, variant, availability) in engines)
            {
                if (!availability.IsAvailable)
                {
                    runs.Add(new EngineRun { Engine = engine, Variant = variant, Status = RunStatus.Unavailable, Reason = availability.Reason });
                    continue;
                }

                runs.Add(await RunEngineAsync(engine, variant, options.Scenario, launch, pinning, progress, cancellationToken));
            }
        }
        finally
        {
            if (pinning.Pinned)
            {
                CpuAffinity.PinProcess(Environment.ProcessId, original.ToArray());
            }
        }

        var summary = runs.Where(r => r.Summary is not null).Select(r => r.Summary!).ToArray();
        var result = new BenchmarkResult
        {
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            CommandLine = options.CommandLine,
            Environment = environment,
            Scenario = options.Scenario,
            Pinning = pinning,
            Runs = runs,
            Summary = summary,
            Warnings = runs.Where(r => r.Status == RunStatus.Failed).Select(r => $"{r.Engine}: {r.Reason}")
                .Concat(summary.SelectMany(p => p.Warnings.Select(w => $"{p.Engine}{(p.Variant is null ? string.Empty : ":" + p.Variant)}: {w}")))
                .ToArray(),
        };
        progress?.Report(new BenchmarkProgress(string.Empty, BenchmarkPhase.Done, 0, 0));
        return result;
    }

    /// <summary>The engines to run, probed. Asked for by name, an unavailable one fails the run before it starts.</summary>
    private static List<(string Engine, string Variant, EngineAvailability Availability)> SelectEngines(IReadOnlyList<EngineSelection> selections)
    {
        var registry = EngineRegistry.Default;
        if (selections.Count == 0)
        {
            return registry.Engines
                .Select(e => (e.Name, e.DefaultVariant.Name, e.ProbeVariant(e.DefaultVariant)))
                .ToList();
        }

        return selections.Select(s =>
        {
            var (engine, variant) = registry.Resolve(s.Engine, s.Variant);
            return (engine.Name, variant.Name, EngineAvailability.Available);
        }).ToList();
    }

    /// <summary>
    /// Engines with a descriptor ceiling are checked against the scenario before anything runs. Asked for by
    /// name, one that cannot hold the connections stops the whole benchmark (LimitTooLow); picked by default, it
    /// is recorded as unavailable for this scenario and the others run.
    /// </summary>
    private static async Task<List<(string Engine, string Variant, EngineAvailability Availability)>> CheckDescriptorCeilingsAsync(
        List<(string Engine, string Variant, EngineAvailability Availability)> engines,
        BenchmarkOptions options,
        ServerLaunch launch,
        PinningPlan pinning,
        CancellationToken cancellationToken)
    {
        var checkedEngines = new List<(string Engine, string Variant, EngineAvailability Availability)>(engines.Count);
        foreach (var (engine, variant, availability) in engines)
        {
            var definition = EngineRegistry.Default.TryFind(engine);
            if (!availability.IsAvailable || definition?.DescriptorCeiling is null)
            {
                checkedEngines.Add((engine, variant, availability));
                continue;
            }

            var settings = SettingsFor(engine, variant, options.Scenario, pinning);
            var fits = await DescriptorCeilingCheck.CheckAsync(definition, settings, options.Scenario.Connections, launch, pinning.Pinned ? pinning.ServerCpus : null, cancellationToken);
            if (!fits.IsAvailable && options.Engines.Count > 0)
            {
                throw new AsyncIoToolsException(FailureKind.LimitTooLow, fits.Reason!);
            }

            checkedEngines.Add((engine, variant, fits));
        }

        return checkedEngines;
    }

    private static ServerSettings SettingsFor(string engine, string variant, BenchmarkScenario scenario, PinningPlan pinning) => new()
    {
        Engine = engine,
        Variant = variant,
        Protocol = scenario.Protocol == Engines.Protocols.ProtocolKind.Echo
            ? Engines.Protocols.ProtocolSettings.Echo(scenario.MessageBytes)
            : Engines.Protocols.ProtocolSettings.Http,
        Endpoint = new IPEndPoint(IPAddress.Loopback, 0),
        Loops = pinning.ServerLoops,
    };

    private static async Task<EngineRun> RunEngineAsync(
        string engine,
        string variant,
        BenchmarkScenario scenario,
        ServerLaunch launch,
        PinningPlan pinning,
        IProgress<BenchmarkProgress>? progress,
        CancellationToken cancellationToken)
    {
        var settings = SettingsFor(engine, variant, scenario, pinning);
        var command = "aiotools " + string.Join(' ', ServeArguments.For(settings, pinning.Pinned ? pinning.ServerCpus : null, control: false));
        var run = new EngineRun { Engine = engine, Variant = variant, Status = RunStatus.Completed, Connections = scenario.Connections, Active = scenario.EffectiveActive, ServerCommand = command };
        try
        {
            progress?.Report(new BenchmarkProgress(engine, BenchmarkPhase.StartingServer, 0, scenario.Trials));
            await using var server = await ServerProcess.StartAsync(launch, settings, pinning.Pinned ? pinning.ServerCpus : null, cancellationToken);
            var idle = server.Snapshot();

            progress?.Report(new BenchmarkProgress(engine, BenchmarkPhase.Connecting, 0, scenario.Trials, $"{scenario.Connections} connections"));
            using var load = new LoadGenerator(LoadOptionsFor(scenario, server.EndPoint, pinning.LoadThreads));
            var ramp = await load.ConnectAsync(cancellationToken);
            var connected = server.Snapshot();
            if (ramp.Connected == 0)
            {
                throw new AsyncIoToolsException(FailureKind.RunFailed, $"no connection could be opened ({ramp.ConnectErrors} connect errors)");
            }

            if (scenario.Warmup > TimeSpan.Zero)
            {
                progress?.Report(new BenchmarkProgress(engine, BenchmarkPhase.WarmingUp, 0, scenario.Trials));
                await load.MeasureAsync(scenario.Warmup, cancellationToken);
            }

            var trials = new List<TrialResult>();
            for (var trial = 1; trial <= scenario.Trials; trial++)
            {
                progress?.Report(new BenchmarkProgress(engine, BenchmarkPhase.Measuring, trial, scenario.Trials));
                var processBefore = server.Snapshot();
                var countersBefore = await server.ReadCountersAsync(cancellationToken);
                var sample = await load.MeasureAsync(scenario.Duration, cancellationToken);
                var countersAfter = await server.ReadCountersAsync(cancellationToken);
                var processAfter = server.Snapshot();
                var counters = countersAfter.Since(countersBefore);
                trials.Add(new TrialResult(
                    trial,
                    ClientMeasurement.From(sample, load.Threads),
                    ServerMeasurement.Between(processBefore, processAfter, counters.Requests),
                    CounterMeasurement.From(counters)));
            }

            progress?.Report(new BenchmarkProgress(engine, BenchmarkPhase.Stopping, scenario.Trials, scenario.Trials));
            var peak = server.Snapshot().PeakRssBytes;
            var memory = new MemoryMeasurement(
                idle.RssBytes,
                connected.RssBytes,
                peak,
                ramp.Connected > 0 ? (double)(connected.RssBytes - idle.RssBytes) / ramp.Connected : null);
            run = run with { Ramp = ramp, Memory = memory, Trials = trials };
            return run with { Summary = SummaryPoints.ForRun(run, scenario) };
        }
        catch (AsyncIoToolsException e) when (e.Kind is FailureKind.RunFailed or FailureKind.LimitTooLow && !cancellationToken.IsCancellationRequested)
        {
            return run with { Status = RunStatus.Failed, Reason = e.Message };
        }
        catch (ProcessGoneException)
        {
            return run with { Status = RunStatus.Failed, Reason = "the server process exited during the run" };
        }
    }

    private static LoadOptions LoadOptionsFor(BenchmarkScenario scenario, IPEndPoint target, int threads) => new()
    {
        Target = target,
        Connections = scenario.Connections,
        Active = scenario.Active,
        Duration = scenario.Duration,
        Rate = scenario.Rate,
        Protocol = scenario.Protocol,
        MessageBytes = scenario.MessageBytes,
        Pipeline = scenario.Pipeline,
        RequestsPerConnection = scenario.RequestsPerConnection,
        Threads = Math.Min(threads, Math.Max(1, scenario.Connections)),
    };
}
