using System.Globalization;
using AsyncIoTools.Measurement;

namespace AsyncIoTools.Results;

/// <summary>Makes summary points from measurements.</summary>
public static class SummaryPoints
{
    /// <summary>Relative spread of trials (max − min over median) past which a figure is flagged as noisy.</summary>
    public const double NoisySpread = 0.10;

    /// <summary>Share of a constant rate below which a run is said to have fallen behind its schedule.</summary>
    public const double KeptSchedule = 0.95;

    /// <summary>
    /// Load-generator CPU use past which the client, not the server, may be what limits throughput (closed loop only: at
    /// a constant rate the load generator spins before each send, and <see cref="KeptSchedule"/> is asked instead).
    /// </summary>
    public const double SaturatedLoadGenerator = 0.95;

    /// <summary>
    /// CPU share of one CPU used by other processes (or stolen by the hypervisor) during a trial past which the result
    /// says the machine was busy.
    /// </summary>
    public const double OtherLoad = 0.10;

    /// <summary>The point of a benchmark run: medians over its trials, with their intervals and warnings.</summary>
    public static SummaryPoint ForRun(EngineRun run, BenchmarkScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(scenario);
        var trials = run.Trials;
        TrialStatistics Of(Func<TrialResult, double?> figure) =>
            TrialStatistics.Of(trials.Select(figure).Where(v => v.HasValue).Select(v => v!.Value).ToArray());

        var rate = Of(t => t.Client.RequestsPerSecond);
        var p99 = Of(t => t.Client.Latency.P99Micros);
        var cpu = Of(t => t.Server.CpuMicrosPerRequest);
        var syscalls = Of(t => t.Counters.SyscallsPerRequest);
        var corrected = Of(t => t.Client.CorrectedLatency?.P99Micros);
        var mebibytes = Of(t => t.Client.DurationSeconds > 0 ? t.Counters.BytesOut / t.Client.DurationSeconds / (1024 * 1024) : null);
        var cpuPerMebibyte = Of(t => t.Counters.BytesOut > 0 ? (t.Server.CpuUserMicros + t.Server.CpuSystemMicros) / (t.Counters.BytesOut / (1024.0 * 1024)) : null);
        var segments = Of(t => t.System?.SegmentsPerRequest);
        var uncharged = Of(t => t.System?.UnchargedCpuMicrosPerRequest);
        var intervals = new Dictionary<string, TrialInterval>
        {
            ["requestsPerSecond"] = TrialInterval.From(rate),
            ["p99Micros"] = TrialInterval.From(p99),
        };
        if (cpu.Trials > 0)
        {
            intervals["cpuMicrosPerRequest"] = TrialInterval.From(cpu);
        }

        if (syscalls.Trials > 0)
        {
            intervals["syscallsPerRequest"] = TrialInterval.From(syscalls);
        }

        return new SummaryPoint
        {
            Engine = run.Engine,
            Variant = run.Variant,
            Scenario = scenario.Name,
            Case = run.Case,
            SweepParameter = run.SweepParameter,
            SweepValue = run.SweepValue,
            Connections = run.Connections,
            Active = run.Active,
            RequestsPerSecond = rate.Median,
            P50Micros = Of(t => t.Client.Latency.P50Micros).Median,
            P90Micros = Of(t => t.Client.Latency.P90Micros).Median,
            P99Micros = p99.Median,
            P999Micros = Of(t => t.Client.Latency.P999Micros).Median,
            MaxMicros = trials.Count == 0 ? 0 : trials.Max(t => t.Client.Latency.MaxMicros),
            CorrectedP99Micros = corrected.Trials > 0 ? corrected.Median : null,
            CpuMicrosPerRequest = cpu.Trials > 0 ? cpu.Median : null,
            SyscallsPerRequest = syscalls.Trials > 0 ? syscalls.Median : null,
            RssBytesPerConnection = run.Memory?.RssBytesPerConnection,
            MebibytesPerSecond = mebibytes.Trials > 0 ? mebibytes.Median : null,
            CpuMicrosPerMebibyte = cpuPerMebibyte.Trials > 0 ? cpuPerMebibyte.Median : null,
            SegmentsPerRequest = segments.Trials > 0 ? segments.Median : null,
            UnchargedCpuMicrosPerRequest = uncharged.Trials > 0 ? uncharged.Median : null,
            KernelBytesPerConnection = run.Memory?.KernelBytesPerConnection,
            RampSeconds = run.Ramp?.Elapsed.TotalSeconds,
            Errors = trials.Sum(t => t.Client.Errors.Total),
            Trials = trials.Count,
            Intervals = intervals,
            Warnings = WarningsFor(run, rate, cpu, run.SweepParameter == "rate" ? run.SweepValue : scenario.Rate),
        };
    }

    /// <param name="asked">The constant rate the load was to keep (req/s), or null for a closed loop.</param>
    private static string[] WarningsFor(EngineRun run, TrialStatistics rate, TrialStatistics cpu, double? asked)
    {
        var warnings = new List<string>();
        if (run.Ramp is { } ramp && ramp.Connected < ramp.Requested)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"only {ramp.Connected} of {ramp.Requested} connections opened ({ramp.ConnectErrors} connect errors)"));
        }

        if (rate.Trials > 1 && rate.RelativeSpread > NoisySpread)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"req/s spread {rate.RelativeSpread:P0} over {rate.Trials} trials (noisy: more trials, or a quieter machine)"));
        }

        if (cpu.Trials > 1 && cpu.RelativeSpread > NoisySpread)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"CPU per request spread {cpu.RelativeSpread:P0} over {cpu.Trials} trials"));
        }

        var loadCpu = run.Trials.Count == 0 ? 0 : run.Trials.Average(t => t.Client.LoadGeneratorCpuUtilization);
        if (asked is { } schedule)
        {
            // At a constant rate the load generator spins for the last 100 µs before each send, so its CPU says nothing
            // of a limit: whether it kept the schedule does.
            if (run.Trials.Count > 0 && rate.Median < KeptSchedule * schedule)
            {
                warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{rate.Median:N0} req/s of the {schedule:N0} asked: the run fell behind its schedule (the server or the load generator could not keep the rate; the corrected latency counts the wait)"));
            }
        }
        else if (loadCpu > SaturatedLoadGenerator)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"the load generator used {loadCpu:P0} of its CPUs: throughput may be the client's limit; compare CPU per request"));
        }

        if (run.Trials.Where(t => t.System is not null).MaxBy(t => t.System!.OtherCpuShare) is { System: { } busy } busiest && busy.OtherCpuShare > OtherLoad)
        {
            var who = busy is { BusiestOtherProcess: { } name, BusiestOtherCpuShare: { } share } ? string.Create(CultureInfo.InvariantCulture, $" (most: {name}, {share:P0})") : string.Empty;
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"other processes used {busy.OtherCpuShare:P0} of a CPU during trial {busiest.Index}{who}: the machine was not quiet"));
        }

        if (run.Trials.Where(t => t.System?.StealCpuShare is not null).MaxBy(t => t.System!.StealCpuShare) is { System.StealCpuShare: { } steal } stolen && steal > OtherLoad)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"the hypervisor kept {steal:P0} of a CPU from this machine during trial {stolen.Index} (steal): the host was not quiet"));
        }

        var errors = run.Trials.Sum(t => t.Client.Errors.Total);
        if (errors > 0)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"{errors} request errors"));
        }

        return [.. warnings];
    }
}
