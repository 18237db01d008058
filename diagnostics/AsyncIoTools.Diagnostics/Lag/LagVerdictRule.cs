using System.Globalization;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>
/// Healthy, lagging or starved, with the figure that decided it. Starved means work waits a second or more: either
/// the p99 delay of served items or the age of an item still waiting (a full stall serves nothing, so its p99 can
/// look small while its queue ages).
/// </summary>
public static class LagVerdictRule
{
    public const long StarvedMicros = 1_000_000;
    public const long LaggingP99Micros = 10_000;
    public const long LaggingPendingMicros = 100_000;

    public static (LagVerdict Verdict, string Text) Judge(long p99Micros, long oldestPendingMicros) => Judge(p99Micros, oldestPendingMicros, 0, null);

    /// <param name="nothingServedMicros">
    /// How long the runtime's queue-length counter has shown queued items with no dequeue seen. When every pool
    /// thread is blocked, no dispatch loop runs, and the runtime only turns its enqueue/dequeue events on from a
    /// dispatch loop: a process already starved when the session starts emits none, and this is the only sign.
    /// </param>
    public static (LagVerdict Verdict, string Text) Judge(long p99Micros, long oldestPendingMicros, long nothingServedMicros, double? queueLength)
    {
        if (nothingServedMicros >= StarvedMicros && nothingServedMicros >= oldestPendingMicros)
        {
            return (LagVerdict.Starved, $"starved: {queueLength ?? 0:0} items queued and none served for {Duration(nothingServedMicros)} (every pool thread is blocked)");
        }

        if (oldestPendingMicros >= StarvedMicros && oldestPendingMicros >= p99Micros)
        {
            return (LagVerdict.Starved, $"starved: an item has waited {Duration(oldestPendingMicros)} for a pool thread and is still waiting (p99 delay {Duration(p99Micros)})");
        }

        if (p99Micros >= StarvedMicros)
        {
            return (LagVerdict.Starved, $"starved: p99 delay {Duration(p99Micros)} before a pool thread picked work up");
        }

        if (p99Micros >= LaggingP99Micros || Math.Max(oldestPendingMicros, nothingServedMicros) >= LaggingPendingMicros)
        {
            return (LagVerdict.Lagging, $"lagging: p99 delay {Duration(p99Micros)}, oldest waiting item {Duration(Math.Max(oldestPendingMicros, nothingServedMicros))}");
        }

        return (LagVerdict.Healthy, $"healthy: p99 delay {Duration(p99Micros)}");
    }

    /// <summary>"850 µs", "12.3 ms", "3.41 s": three significant figures in the natural unit.</summary>
    public static string Duration(long micros) => micros switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{micros} µs"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{micros / 1000.0:0.##} ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000.0:0.##} s"),
    };
}
