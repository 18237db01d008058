namespace AsyncIoTools.LagTarget;

/// <summary>
/// What the app measured over a window, printed as one JSON line: the headline covers every item it queued from
/// outside the pool (probe items and requests, the population of aiotools' headline); the probe's alone follow.
/// </summary>
internal sealed record LagTruth(
    long Samples,
    long P50Micros,
    long P90Micros,
    long P99Micros,
    long MaxMicros,
    long ProbeSamples,
    long ProbeP99Micros,
    long OldestPendingMicros);
