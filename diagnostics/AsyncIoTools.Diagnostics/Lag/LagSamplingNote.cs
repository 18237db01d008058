using System.Globalization;
using AsyncIoTools.Diagnostics.EventPipe;

namespace AsyncIoTools.Diagnostics.Lag;

/// <summary>What a reader of sampled percentiles must know, said the same way by the CLI's text and the cmdlet.</summary>
public static class LagSamplingNote
{
    /// <summary>The note for a session whose work items were sampled in windows; null when they were followed throughout.</summary>
    public static string? Of(LagFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        return SessionSampling.WasSampled(figures.FollowedFraction)
            ? string.Create(CultureInfo.InvariantCulture, $"items followed {figures.FollowedFraction:0%} of the time, in one window per interval: the target emits more events than following all would be worth (about 0.7 µs of its CPU each); the counters cover all of it")
            : null;
    }
}
