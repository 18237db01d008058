using AsyncIoTools.Failures;
using AsyncIoTools.Measurement;

namespace AsyncIoTools.Results;

/// <summary>
/// The HdrHistogram interval logs (.hlog) of load tests and benchmarks: every interval of every measured window,
/// the headline latency (corrected in constant-rate mode, as wrk2 logs it), in nanoseconds. A benchmark's log tags
/// each line with its run and trial (<c>epoll:level/trial-2</c>); a load test's lines carry no tag, as wrk2's.
/// </summary>
public static class IntervalLogs
{
    /// <summary>Fails before a run starts when its log could not be written (an existing file is never replaced).</summary>
    public static void CheckWritable(string? path)
    {
        if (path is not null && File.Exists(path))
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"{path} already exists; aiotools never overwrites a histogram log");
        }
    }

    /// <summary>The log beside a result file: the same name with .hlog.</summary>
    public static string Beside(string resultPath) => Path.ChangeExtension(resultPath, ".hlog");

    public static string WriteLoad(LoadReport report, string path)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var log = HistogramLogWriter.Create(path, report.StartedAt, $"aiotools load {report.Target}: latency in ns (corrected for coordinated omission in constant-rate mode)");
        foreach (var interval in report.Measurement.Intervals ?? [])
        {
            log.WriteInterval(null, Offset(report.StartedAt, interval), interval.Length.TotalSeconds, interval.Histogram);
        }

        return log.Path!;
    }

    public static string WriteBench(BenchmarkResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var log = HistogramLogWriter.Create(path, result.StartedAt, $"aiotools bench {result.Scenario.Name}: latency in ns per run and trial (Tag=RUN/trial-N)");

        // In time order, as readers of the format expect (they stop at the first interval past a range's end): an
        // interleaved result's runs hold trials measured in rounds, so run after run would go back in time.
        var intervals =
            from run in result.Runs
            let label = RunLabels.Tag(run)
            from trial in run.Trials
            from interval in trial.Client.Intervals ?? []
            select (Tag: $"{label}/trial-{trial.Index}", Interval: interval);
        foreach (var (tag, interval) in intervals.OrderBy(i => i.Interval.Start))
        {
            log.WriteInterval(tag, Offset(result.StartedAt, interval), interval.Length.TotalSeconds, interval.Histogram);
        }

        return log.Path!;
    }

    private static double Offset(DateTimeOffset start, IntervalHistogram interval) => Math.Max(0, (interval.Start - start).TotalSeconds);
}
