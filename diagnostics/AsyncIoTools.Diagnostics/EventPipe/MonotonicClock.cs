using System.Diagnostics;

namespace AsyncIoTools.Diagnostics.EventPipe;

/// <summary>
/// EventPipe stamps events with the target's high-resolution clock, which on Linux is CLOCK_MONOTONIC, the clock
/// behind <see cref="Stopwatch"/> here too: one machine, one clock, so our "now" and the target's event times compare
/// directly (this is what lets the tests query the target's ground truth over the very window we measured).
/// </summary>
public static class MonotonicClock
{
    private static readonly double NanosPerTick = 1e9 / Stopwatch.Frequency;

    public static long Now => ToNanos(Stopwatch.GetTimestamp());

    public static long ToNanos(long ticks) => Stopwatch.Frequency == 1_000_000_000 ? ticks : (long)(ticks * NanosPerTick);
}
