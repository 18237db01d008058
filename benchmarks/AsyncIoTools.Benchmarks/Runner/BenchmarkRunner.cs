using AsyncIoTools.Engines.Hosting;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Failures;
using AsyncIoTools.Processes;
using AsyncIoTools.Engines.Sockets;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// Runs a scenario: for each sweep point, case and engine, a server in a child process pinned apart from the load
/// generator; the connections opened once; a warm-up; then T trials, each measured on both sides (client latency
/// and throughput; server CPU, memory and context switches from /proc; the engine's exact syscall counts; the
/// machine's TCP segments and other load). The result keeps every raw figure, the environment and the command.
/// </summary>
public static class BenchmarkRunner
{
    public static async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, IProgress<BenchmarkProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var started = DateTimeOffset.UtcNow;
        var scenario = options.Scenario;
        var points = Plan(options);
        var preflight = Preflight.Enforce(scenario);
        var launch = options.Launch ?? ServerLaunch.Locate();
        var pinning = PinningPlan.Decide(options.Pin, options.ServerLoops);
        var environment = HostEnvironment.Capture();
        using var files = scenario.File is { } workload ? FileWorkloadFolder.Create(workload, scenario.Seed) : null;
        points = await CheckDescriptorCeilingsAsync(points, options.Engines.Count > 0, launch, pinning, files?.Path, cancellationToken);
        var original = CpuAffinity.OfCurrentThread();
        if (pinning.Pinned)
        {
            CpuAffinity.PinProcess(Environment.ProcessId, pinning.LoadCpus.ToArray());
        }

        var interleaved = options.Interleaved;
        IReadOnlyList<EngineRun> runs;
        try
        {
            runs = interleaved
                ? await InterleavedRounds.RunAsync(points, (point, trials) => RunPointAsync(point, trials, launch, pinning, files?.Path, progress, cancellationToken), cancellationToken)
                : await RunInTurnAsync(points, launch, pinning, files?.Path, progress, cancellationToken);
        }
        finally
        {
            if (pinning.Pinned)
            {
                CpuAffinity.PinProcess(Environment.ProcessId, original.ToArray());
            }
        }

        var summary = runs.Where(r => r.Summary is not null).Select(r => r.Summary!).ToArray();
        progress?.Report(new BenchmarkProgress(string.Empty, BenchmarkPhase.Done, 0, 0));
        return new BenchmarkResult
        {
            StartedAt = started,
            FinishedAt = DateTimeOffset.UtcNow,
            CommandLine = options.CommandLine,
            Environment = environment,
            Scenario = scenario,
            Pinning = pinning,
            ChildHost = options.ChildHost.ToString().ToLowerInvariant(),
            ChildHostPath = launch.FileName,
            Preflight = preflight,
            Interleaved = interleaved,
            Runs = runs,
            Summary = summary,
            Warnings = Preflight.Warnings(preflight)
                .Concat(IdleHold.Warnings(points.Select(p => p.Point), runs, interleaved))
                .Concat(runs.Where(r => r.Status is RunStatus.Failed or RunStatus.Canceled).Select(r => $"{RunLabels.Of(r)}: {r.Reason}"))
                .Concat(runs.Where(r => r.Resources?.Leak is not null).Select(r => $"{RunLabels.Of(r)}: {r.Resources!.Leak}"))
                .Concat(runs.Where(r => r.Summary is not null).SelectMany(r => r.Summary!.Warnings.Select(w => $"{RunLabels.Of(r)}: {w}")))
                .ToArray(),
        };
    }

    /// <summary>Each point's trials back to back on one server, then the next point's.</summary>
    private static async Task<IReadOnlyList<EngineRun>> RunInTurnAsync(
        IReadOnlyList<(RunPoint Point, EngineAvailability Availability)> points,
        ServerLaunch launch,
        PinningPlan pinning,
        string? fileRoot,
        IProgress<BenchmarkProgress>? progress,
        CancellationToken cancellationToken)
    {
        var runs = new List<EngineRun>();
        foreach (var (point, availability) in points)
        {
            if (!availability.IsAvailable)
            {
                runs.Add(Unavailable(point, availability));
                continue;
            }

            runs.Add(await RunPointAsync(point, Enumerable.Range(1, point.Scenario.Trials).ToArray(), launch, pinning, fileRoot, progress, cancellationToken));
            if (cancellationToken.IsCancellationRequested)
            {
                // The canceled run is the last: the result keeps what was measured, and the caller writes it.
                break;
            }
        }

        return runs;
    }

    internal static EngineRun Unavailable(RunPoint point, EngineAvailability availability) =>
        EmptyRun(point) with { Status = RunStatus.Unavailable, Reason = availability.Reason };

    /// <summary>
    /// Every run the options ask for, probed: sweep points × cases × engines. An engine asked for on the command
    /// line must exist and run here (else a usage or unavailable failure before anything starts); one a scenario
    /// names is listed as unavailable, with why, when it cannot run.
    /// </summary>
    public static IReadOnlyList<(RunPoint Point, EngineAvailability Availability)> Plan(BenchmarkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var scenario = options.Scenario;
        var registry = EngineRegistry.Default;
        var engines = options.Engines.Count > 0
            ? options.Engines.Select(s =>
            {
                var (engine, variant) = registry.Resolve(s.Engine, s.Variant);
                return (Selection: new EngineSelection(engine.Name, variant.Name), Availability: EngineAvailability.Available);
            }).ToList()
            : scenario.Engines is { } named
                ? named.Select(EngineSelection.Parse).Select(s => (Selection: WithVariant(registry, s), Availability: Probe(registry, s))).ToList()
                : registry.Engines.Select(e => (Selection: new EngineSelection(e.Name, e.DefaultVariant.Name), Availability: e.ProbeVariant(e.DefaultVariant))).ToList();

        var cases = scenario.Cases is { Count: > 0 } listed ? listed : [ScenarioCase.Default];
        if (options.Cases is { Count: > 0 } wanted)
        {
            var unknown = wanted.Except(cases.Select(c => c.Name)).ToList();
            if (unknown.Count > 0)
            {
                throw new AsyncIoToolsException(FailureKind.Usage, $"scenario '{scenario.Name}' has no case '{unknown[0]}'; its cases: {string.Join(", ", cases.Select(c => c.Name))}");
            }

            cases = cases.Where(c => wanted.Contains(c.Name)).ToList();
        }

        var sweep = scenario.Sweep;
        var values = sweep is null ? [(double?)null] : sweep.Values.Select(v => (double?)v).ToList();
        var plan = new List<(RunPoint, EngineAvailability)>();
        foreach (var value in values)
        {
            var atPoint = value is { } v ? sweep!.Apply(scenario, v) : scenario;
            foreach (var c in cases)
            {
                foreach (var (selection, availability) in engines.Where(e => c.Engines is null || c.Engines.Contains(e.Selection.Engine)))
                {
                    var point = new RunPoint(atPoint, c, selection.Engine, selection.Variant, sweep?.Parameter, value);
                    plan.Add((point, availability.IsAvailable ? FitsTheEngine(point) : availability));
                }
            }
        }

        return plan;
    }

    /// <summary>
    /// A scenario's engine with the variant that will run (the engine's default when the scenario names none), so that
    /// its runs record it as runs of engines named on the command line do, and reports keep them on one row.
    /// </summary>
    private static EngineSelection WithVariant(EngineRegistry registry, EngineSelection selection) =>
        registry.TryFind(selection.Engine) is { } engine && engine.FindVariant(selection.Variant) is { } variant
            ? new EngineSelection(engine.Name, variant.Name)
            : selection;

    private static EngineAvailability Probe(EngineRegistry registry, EngineSelection selection)
    {
        if (registry.TryFind(selection.Engine) is not { } engine)
        {
            return EngineAvailability.Unavailable($"engine '{selection.Engine}' is not in this build");
        }

        return engine.FindVariant(selection.Variant) is { } variant
            ? engine.ProbeVariant(variant)
            : EngineAvailability.Unavailable($"engine '{engine.Name}' has no variant '{selection.Variant}'");
    }

    /// <summary>What a scenario asks of an engine beyond running at all: file transfers, for now.</summary>
    private static EngineAvailability FitsTheEngine(RunPoint point)
    {
        if (point.Scenario.Protocol != Workloads.ProtocolKind.File)
        {
            return EngineAvailability.Available;
        }

        var transfer = point.Case.Transfer ?? FileTransfer.Sendfile;
        return EngineRegistry.Default.TryFind(point.Engine)!.FileTransfers.Contains(transfer)
            ? EngineAvailability.Available
            : EngineAvailability.Unavailable($"the {point.Engine} engine does not send files with {transfer.ToString().ToLowerInvariant()}");
    }

    /// <summary>
    /// Points of engines with a descriptor ceiling (select) are checked against their connections before anything
    /// runs. Asked for by name on the command line, an engine that cannot hold them stops the whole benchmark
    /// (LimitTooLow); picked by default or by a scenario, it is recorded as unavailable for that point.
    /// </summary>
    private static async Task<IReadOnlyList<(RunPoint Point, EngineAvailability Availability)>> CheckDescriptorCeilingsAsync(
        IReadOnlyList<(RunPoint Point, EngineAvailability Availability)> points,
        bool askedByName,
        ServerLaunch launch,
        PinningPlan pinning,
        string? fileRoot,
        CancellationToken cancellationToken)
    {
        var checkedPoints = new List<(RunPoint Point, EngineAvailability Availability)>(points.Count);
        foreach (var (point, availability) in points)
        {
            var definition = EngineRegistry.Default.TryFind(point.Engine);
            if (!availability.IsAvailable || definition?.DescriptorCeiling is null)
            {
                checkedPoints.Add((point, availability));
                continue;
            }

            // One worker process is counted; each worker has a descriptor table, and so a ceiling, of its own.
            var workers = CapacityPlan.For(point.Scenario.Connections, point.Scenario.Workers, point.Scenario.LoadProcesses).Workers;
            var settings = CaseSettings.Server(point, pinning.ServerLoops, fileRoot, workers: 1);
            var fits = await DescriptorCeilingCheck.CheckAsync(definition, settings, point.Scenario.Connections, workers, launch, pinning.Pinned ? pinning.ServerCpus : null, cancellationToken);
            if (!fits.IsAvailable && askedByName)
            {
                throw new AsyncIoToolsException(FailureKind.LimitTooLow, fits.Reason!);
            }

            checkedPoints.Add((point, fits));
        }

        return checkedPoints;
    }

    /// <param name="trialNumbers">The trials to measure on this server, by their numbers in the result.</param>
    private static async Task<EngineRun> RunPointAsync(
        RunPoint point,
        IReadOnlyList<int> trialNumbers,
        ServerLaunch launch,
        PinningPlan pinning,
        string? fileRoot,
        IProgress<BenchmarkProgress>? progress,
        CancellationToken cancellationToken)
    {
        var scenario = point.Scenario;
        var capacity = CapacityPlan.For(scenario.Connections, scenario.Workers, scenario.LoadProcesses);
        var loops = capacity.Workers > 1 ? Math.Max(1, pinning.ServerLoops / capacity.Workers) : pinning.ServerLoops;
        var settings = CaseSettings.Server(point, loops, fileRoot, capacity.Workers);
        var serverCpus = pinning.Pinned ? pinning.ServerCpus : null;
        var run = EmptyRun(point) with { ServerCommand = "aiotools " + string.Join(' ', ServeArguments.For(settings, serverCpus, control: false)) };
        var label = point.Label;
        var trials = new List<TrialResult>();
        RampResult? ramp = null;
        int? runningTrial = null;
        try
        {
            progress?.Report(new BenchmarkProgress(label, BenchmarkPhase.StartingServer, 0, scenario.Trials));
            await using var server = await ServerProcess.StartAsync(launch, settings, serverCpus, cancellationToken);
            var baseline = await ServerResourceSampler.BaselineAsync(server, scenario, capacity.Workers, cancellationToken);
            var idle = server.SnapshotTree();
            var idlePss = ProportionalMemory.TreeBytes(server.ProcessId);
            var idleSystem = SystemSnapshot.Read();

            progress?.Report(new BenchmarkProgress(label, BenchmarkPhase.Connecting, 0, scenario.Trials, $"{scenario.Connections} connections"));
            var loadOptions = CaseSettings.Load(point, server.EndPoint, pinning.LoadThreads);
            loadOptions = loadOptions with { ConnectConcurrency = capacity.ConnectConcurrency(settings.Backlog, capacity.LoadProcesses > 1 ? 1 : loadOptions.Threads) };
            using ILoadDriver load = capacity.LoadProcesses > 1
                ? new LoadProcessGroup(loadOptions, capacity.LoadProcesses, launch)
                : new LoadGenerator(loadOptions);
            var listenBefore = ListenCounters.Read();
            ramp = await load.ConnectAsync(cancellationToken);
            var listen = ListenCounters.Read().Since(listenBefore);
            ramp = ramp with { ListenDrops = listen.ListenDrops, SynRetransmits = listen.SynRetransmits };
            var connectedRamp = ramp;
            var connected = server.SnapshotTree();
            var connectedPss = ProportionalMemory.TreeBytes(server.ProcessId);
            var connectedSystem = SystemSnapshot.Read();
            if (connectedRamp.Connected == 0)
            {
                throw new AsyncIoToolsException(FailureKind.RunFailed, $"no connection could be opened ({connectedRamp.ConnectErrors} connect errors)");
            }

            using var slowClients = point.Case.SlowClients is > 0 and var slow
                ? new SlowClientSwarm(server.EndPoint, slow, TimeSpan.FromSeconds(point.Case.SlowClientIntervalSeconds ?? SlowClientSwarm.DefaultIntervalSeconds))
                : null;
            slowClients?.Start();
            if (scenario.Warmup > TimeSpan.Zero)
            {
                progress?.Report(new BenchmarkProgress(label, BenchmarkPhase.WarmingUp, 0, scenario.Trials));
                await load.MeasureAsync(scenario.Warmup, cancellationToken);
            }

            foreach (var trial in trialNumbers)
            {
                runningTrial = trial;
                progress?.Report(new BenchmarkProgress(label, BenchmarkPhase.Measuring, trial, scenario.Trials));
                trials.Add(await MeasureTrialAsync(trial, server, load, scenario.Duration, cancellationToken));
            }

            runningTrial = null;

            var slowReport = slowClients?.Stop();
            progress?.Report(new BenchmarkProgress(label, BenchmarkPhase.Stopping, scenario.Trials, scenario.Trials));
            var memory = new MemoryMeasurement(
                idle.RssBytes,
                connected.RssBytes,
                server.SnapshotTree().PeakRssBytes,
                (double)(connected.RssBytes - idle.RssBytes) / connectedRamp.Connected,
                idleSystem.KernelSocketBytes,
                connectedSystem.KernelSocketBytes,
                (double)(connectedSystem.KernelSocketBytes - idleSystem.KernelSocketBytes) / connectedRamp.Connected)
            {
                IdlePssBytes = idlePss,
                ConnectedPssBytes = connectedPss,
                PssBytesPerConnection = idlePss is { } before && connectedPss is { } after ? (double)(after - before) / connectedRamp.Connected : null,
            };
            load.Dispose();
            var resources = await ServerResourceSampler.AfterLoadAsync(server, baseline, capacity.Workers, cancellationToken);
            run = run with { Ramp = ramp, Memory = memory, Trials = trials, Resources = resources, SlowClients = slowReport };
            return run with { Summary = SummaryPoints.ForRun(run, scenario) };
        }
        catch (Exception e) when (cancellationToken.IsCancellationRequested && e is OperationCanceledException or AsyncIoToolsException or ProcessGoneException or IOException)
        {
            // Ctrl+C, or a signal that reached the server or a load process too and ended it first: the server and
            // the load are gone (disposed on the way out), the finished trials kept and the running one named.
            var reason = runningTrial is { } trial
                ? $"canceled during trial {trial} of {scenario.Trials}; {Kept(trials.Count)}"
                : trials.Count == 0
                    ? "canceled before its first trial"
                    : $"canceled after its {trials.Count} trials, before the server's resources were read";
            return run with { Status = RunStatus.Canceled, Reason = reason, Ramp = ramp, Trials = trials, CanceledTrial = runningTrial };
        }
        catch (AsyncIoToolsException e) when (e.Kind is not FailureKind.Usage && !cancellationToken.IsCancellationRequested)
        {
            return run with { Status = e.Kind == FailureKind.EngineUnavailable ? RunStatus.Unavailable : RunStatus.Failed, Reason = e.Message };
        }
        catch (ProcessGoneException)
        {
            return run with { Status = RunStatus.Failed, Reason = "the server process exited during the run" };
        }
    }

    private static async Task<TrialResult> MeasureTrialAsync(int trial, ServerProcess server, ILoadDriver load, TimeSpan duration, CancellationToken cancellationToken)
    {
        var processBefore = server.SnapshotTree();
        var countersBefore = await server.ReadCountersAsync(cancellationToken);
        var systemBefore = SystemSnapshot.Read();
        var censusBefore = CpuCensus.Take();
        var oursBefore = CpuCensus.OurProcesses();
        var sample = await server.UnlessItExitsAsync(load.MeasureAsync(duration, cancellationToken));
        var censusAfter = CpuCensus.Take();
        var ours = CpuCensus.OurProcesses().Union(oursBefore).ToHashSet();
        var systemAfter = SystemSnapshot.Read();
        var countersAfter = await server.ReadCountersAsync(cancellationToken);
        var processAfter = server.SnapshotTree();
        var counters = countersAfter.Since(countersBefore);
        var busiest = censusAfter.BusiestOtherSince(censusBefore, ours);
        return new TrialResult(
            trial,
            sample.ToMeasurement(load.Threads),
            ServerMeasurement.Between(processBefore, processAfter, counters.Requests),
            counters.ToMeasurement(),
            SystemMeasurement.Between(
                systemBefore,
                systemAfter,
                censusAfter.OthersSince(censusBefore, ours),
                censusAfter.SecondsSince(censusBefore),
                counters.Requests,
                busiest is { } b ? (b.Name, b.CpuMicros) : null,
                censusAfter.UnchargedSince(censusBefore)));
    }

    /// <summary>What a canceled run says of the trials it keeps.</summary>
    internal static string Kept(int finished) => finished switch
    {
        0 => "no trial had finished",
        1 => "the one finished before it is kept",
        _ => $"the {finished} finished before it are kept",
    };

    private static EngineRun EmptyRun(RunPoint point) => new()
    {
        Engine = point.Engine,
        Variant = point.Variant,
        Status = RunStatus.Completed,
        Case = point.Case.Name,
        SweepParameter = point.SweepParameter,
        SweepValue = point.SweepValue,
        Connections = point.Scenario.Connections,
        Active = point.Scenario.EffectiveActive,
    };
}
