using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>The order of <c>bench --interleave</c>: every point's trial 1, then every point's trial 2, and so on.</summary>
internal static class InterleavedRounds
{
    /// <summary>
    /// Round by round: trial N of every point, each on a server of its own (started, connected and warmed up for it),
    /// before trial N + 1 of any. A host that drifts over minutes then moves every point's trial N alike, and a
    /// ratio of two points taken trial by trial cancels the drift that a ratio of medians from different minutes keeps.
    /// Every other round goes through the points backwards (A B, B A, A B …), so that a drift within a round falls on
    /// no point always first. A point's ramp is the round's that opened the fewest connections (the first when all
    /// opened all), so that its warnings stand; its memory is its first round's; its resources the round's that
    /// leaked, else the last's. A point that fails keeps the trials it finished and sits out the later rounds.
    /// </summary>
    /// <param name="runPoint">Starts a point's server, measures the given trials on it and stops it.</param>
    public static async Task<IReadOnlyList<EngineRun>> RunAsync(
        IReadOnlyList<(RunPoint Point, EngineAvailability Availability)> points,
        Func<RunPoint, IReadOnlyList<int>, Task<EngineRun>> runPoint,
        CancellationToken cancellationToken)
    {
        var runs = points.Select(p => p.Availability.IsAvailable ? null : BenchmarkRunner.Unavailable(p.Point, p.Availability)).ToArray();
        var trials = points.Select(p => p.Point.Scenario.Trials).DefaultIfEmpty(0).Max();
        for (var round = 1; round <= trials && !cancellationToken.IsCancellationRequested; round++)
        {
            foreach (var i in round % 2 == 1 ? Enumerable.Range(0, points.Count) : Enumerable.Range(0, points.Count).Reverse())
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    break;
                }

                var point = points[i].Point;
                if (!points[i].Availability.IsAvailable || round > point.Scenario.Trials || runs[i] is { Status: not RunStatus.Completed })
                {
                    continue;
                }

                var measured = await runPoint(point, [round]);
                runs[i] = runs[i] is { } earlier ? Merge(earlier, measured, round, point.Scenario.Trials) : measured;
            }
        }

        // A point a cancellation kept from its first round is not in the result, as in a run in turn; one it kept
        // from a later round is canceled, with its trials, as a run in turn stopped between trials would be.
        return runs
            .Select((run, i) => run switch
            {
                { Status: RunStatus.Completed } when run.Trials.Count < points[i].Point.Scenario.Trials =>
                    run with { Status = RunStatus.Canceled, Reason = $"canceled before trial {run.Trials.Count + 1} of {points[i].Point.Scenario.Trials}; {BenchmarkRunner.Kept(run.Trials.Count)}" },
                { Status: RunStatus.Completed } => run with { Summary = SummaryPoints.ForRun(run, points[i].Point.Scenario) },
                _ => run,
            })
            .Where(run => run is not null)
            .Select(run => run!)
            .ToArray();
    }

    /// <summary>A point's run so far with its next round's, which measured trial <paramref name="round"/> of <paramref name="trials"/>.</summary>
    private static EngineRun Merge(EngineRun earlier, EngineRun next, int round, int trials)
    {
        var kept = earlier.Trials.Concat(next.Trials).ToArray();
        var resources = earlier.Resources?.Leak is not null ? earlier.Resources : next.Resources ?? earlier.Resources;
        var ramp = next.Ramp is { } late && earlier.Ramp is { } first && late.Connected < first.Connected ? late : earlier.Ramp;
        var merged = earlier with { Trials = kept, Ramp = ramp, Resources = resources, Summary = null };
        return next.Status switch
        {
            RunStatus.Completed => merged,
            RunStatus.Canceled => merged with
            {
                Status = RunStatus.Canceled,
                Reason = (next.CanceledTrial, next.Trials.Count) switch
                {
                    (not null, _) => $"canceled during trial {round} of {trials}; {BenchmarkRunner.Kept(kept.Length)}",
                    (null, 0) => $"canceled before trial {round} of {trials}; {BenchmarkRunner.Kept(kept.Length)}",
                    _ => $"canceled after trial {round} of {trials}, before its server's resources were read; its {kept.Length} finished trials are kept",
                },
                CanceledTrial = next.CanceledTrial,
            },
            _ => merged with { Status = next.Status, Reason = $"trial {round} of {trials}: {next.Reason}" },
        };
    }
}
