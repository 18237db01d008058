namespace AsyncIoTools.LagTarget;

/// <summary>What the probe measured over a window, printed as one JSON line.</summary>
internal sealed record LagTruth(long Samples, long P50Micros, long P90Micros, long P99Micros, long MaxMicros, long OldestPendingMicros);
