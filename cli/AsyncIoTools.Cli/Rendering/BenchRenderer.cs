using System.Globalization;
using System.Text;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Text;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Cli.Rendering;

/// <summary>The terminal view of a <see cref="BenchmarkResult"/>: environment first, then one row per run.</summary>
internal static class BenchRenderer
{
    public static string Render(BenchmarkResult result, string? path)
    {
        var s = result.Scenario;
        var text = new StringBuilder();
        foreach (var line in Heading(result))
        {
            text.Append(line).Append('\n');
        }

        text.AppendLine();

        var bytes = s.Protocol != Workloads.ProtocolKind.Http;
        var headers = new List<string> { "RUN", "CONN", "REQ/S", "P50", "P99", "CPU/REQ", "SYSCALLS/REQ", "RSS/CONN", "SEG/REQ" };
        if (bytes)
        {
            headers.AddRange(["MIB/S", "CPU/MIB"]);
        }

        headers.Add("ERRORS");
        var table = new TextTable([.. headers]).AlignRight([.. headers.Skip(1)]).Ruled();
        foreach (var run in result.Runs)
        {
            var name = RunLabels.Of(run);
            if (PointOf(run, s) is not { } p)
            {
                table.Add([name, Units.Count(run.Connections), run.Status.ToString().ToLowerInvariant(), .. Enumerable.Repeat(string.Empty, headers.Count - 3)]);
                continue;
            }

            if (run.Status == RunStatus.Canceled)
            {
                name += string.Create(CultureInfo.InvariantCulture, $" (canceled: {run.Trials.Count} of {s.Trials} trials)");
            }

            var cells = new List<string>
            {
                name,
                Units.Count(p.Connections),
                Units.Count((long)p.RequestsPerSecond),
                Units.Micros(p.P50Micros),
                Units.Micros(p.P99Micros),
                p.CpuMicrosPerRequest is { } cpu ? Units.Micros(cpu) : "n/a",
                p.SyscallsPerRequest is { } calls ? calls.ToString("0.00", CultureInfo.InvariantCulture) : "n/a",
                p.RssBytesPerConnection is { } rss ? Units.Bytes(rss) : "n/a",
                p.SegmentsPerRequest is { } segments ? segments.ToString("0.00", CultureInfo.InvariantCulture) : "n/a",
            };
            if (bytes)
            {
                cells.Add(p.MebibytesPerSecond is { } mib ? Units.Significant(mib) : "n/a");
                cells.Add(p.CpuMicrosPerMebibyte is { } perMib ? Units.Micros(perMib) : "n/a");
            }

            cells.Add(Units.Count(p.Errors));
            table.Add([.. cells]);
        }

        text.Append(table);
        foreach (var line in Notes(result, path))
        {
            text.Append(line).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>
    /// The run's point; for a canceled run, the medians of the trials it finished. The result file gives a canceled
    /// run no summary, so a report never mixes a partial run in, but whoever pressed Ctrl+C sees what was measured.
    /// </summary>
    public static SummaryPoint? PointOf(EngineRun run, BenchmarkScenario scenario) =>
        run.Summary ?? (run.Status == RunStatus.Canceled && run.Trials.Count > 0 ? SummaryPoints.ForRun(run, scenario) : null);

    /// <summary>The machine, the pinning and the scenario: what the figures were measured on.</summary>
    public static IReadOnlyList<string> Heading(BenchmarkResult result)
    {
        var env = result.Environment;
        var s = result.Scenario;
        return
        [
            string.Create(CultureInfo.InvariantCulture, $"{env.CpuModel}, {env.LogicalCpus} CPUs{(env.VirtualMachine ? " (VM)" : string.Empty)}, Linux {env.Kernel}, {env.Dotnet}"),
            string.Create(CultureInfo.InvariantCulture, $"server CPUs {CpuLists.Format(result.Pinning.ServerCpus)} ({result.Pinning.ServerLoops} loop(s)), load CPUs {CpuLists.Format(result.Pinning.LoadCpus)}{(result.Pinning.Pinned ? string.Empty : " (not pinned)")}"),
            string.Create(CultureInfo.InvariantCulture, $"scenario {s.Name}: {s.Protocol.ToString().ToLowerInvariant()}, {s.Connections} connections ({s.EffectiveActive} active), {s.Trials} × {s.DurationSeconds:0.##} s after {s.WarmupSeconds:0.##} s warm-up"),
            .. result.ChildHost is { } host ? [$"server workers and load processes: {host} ({result.ChildHostPath})"] : Array.Empty<string>(),
        ];
    }

    /// <summary>
    /// A run over several load processes (c100k): how long the ramp took and what stretched it, and the memory of
    /// both sides, the server's before any connection.
    /// </summary>
    private static IEnumerable<string> Ramps(BenchmarkResult result) =>
        result.Runs.Where(r => r.Ramp is { SlowestProcess: not null } && r.Memory is not null).Select(run =>
        {
            var (ramp, memory) = (run.Ramp!, run.Memory!);
            return string.Create(
                CultureInfo.InvariantCulture,
                $"{run.Engine}: ramp {ramp.Elapsed.TotalSeconds:0.0} s for {Units.Count(ramp.Connected)} (slowest load process {ramp.SlowestProcess!.Value.TotalSeconds:0.0} s of it; {Units.Count(ramp.ListenDrops ?? 0)} listen drops, {Units.Count(ramp.SynRetransmits ?? 0)} SYN retransmits{Startup(ramp)}); "
                + $"server RSS {Units.Bytes(memory.IdleRssBytes)} before connections{Pss(memory)}, {(memory.RssBytesPerConnection is { } perConnection ? Units.Bytes(perConnection) : "n/a")} per connection; load processes {Units.Bytes(ramp.LoadRssBytes ?? 0)}");
        });

    /// <summary>
    /// The machine's CPU no process was charged for, per request, where it was measured: beside CPU/REQ, since work
    /// the kernel did for the traffic in its own threads is in no server's figure, and engines leave different amounts there.
    /// </summary>
    private static IEnumerable<string> Uncharged(BenchmarkResult result)
    {
        var measured = result.Runs
            .Select(run => (Run: run, Point: PointOf(run, result.Scenario)))
            .Where(x => x.Point?.UnchargedCpuMicrosPerRequest is not null)
            .Select(x => $"{RunLabels.Of(x.Run)}{(x.Run.Status == RunStatus.Canceled ? " (canceled)" : string.Empty)} {Units.Micros(x.Point!.UnchargedCpuMicrosPerRequest!.Value)}")
            .ToList();
        return measured.Count == 0 ? [] : [$"CPU per request no process was charged for (the machine's busy time less every process's; kernel threads' softirq work): {string.Join(", ", measured)}"];
    }

    /// <summary>The load processes' start-up, which the ramp leaves out; said, so that a reader can add it back.</summary>
    private static string Startup(RampResult ramp) =>
        ramp.LoadStartup is { } startup ? string.Create(CultureInfo.InvariantCulture, $"; the load processes started in {startup.TotalSeconds:0.0} s before it") : string.Empty;

    /// <summary>The PSS beside the RSS where it was read: what the workers' shared pages really cost.</summary>
    private static string Pss(MemoryMeasurement memory) =>
        memory.IdlePssBytes is { } pss ? $" (PSS {Units.Bytes(pss)}: pages the workers share counted once)" : string.Empty;

    /// <summary>Runs that did not complete and why, the warnings, and where the result file went.</summary>
    public static IReadOnlyList<string> Notes(BenchmarkResult result, string? path)
    {
        var unfinished = result.Runs.Where(r => r.Status != RunStatus.Completed).DistinctBy(r => (r.Engine, r.Reason)).ToList();

        // The result's warnings restate each failed or canceled run (for readers of the file alone); here the run's
        // own line above says it already.
        var restated = unfinished.Where(r => !string.IsNullOrEmpty(r.Reason)).Select(r => $": {r.Reason}").ToList();
        var lines = unfinished
            .Select(run => string.Create(CultureInfo.InvariantCulture, $"{run.Engine}: {run.Status.ToString().ToLowerInvariant()}: {run.Reason}"))
            .Concat(Ramps(result))
            .Concat(Uncharged(result))
            .Concat(result.Warnings.Where(w => !restated.Any(r => w.EndsWith(r, StringComparison.Ordinal))).Select(warning => $"warning: {warning}"))
            .ToList();
        if (path is not null)
        {
            lines.Add($"result: {path}");
        }

        return lines;
    }
}
