using System.Globalization;
using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Lag;

namespace AsyncIoTools.Diagnostics.Incidents;

/// <summary>
/// The verdict line that ties lag to its cause, e.g. "lagging: p99 95 ms; cause: sync-over-async in
/// <c>Service.Load</c> (83% of blocked time), 1,332 calls pending in <c>Handler.HandleRequestAsync</c>".
/// </summary>
public static class DiagnosisHeadline
{
    public static string Of(LagFigures lag, BlockingReport? blocking, HotspotsReport? hotspots)
    {
        ArgumentNullException.ThrowIfNull(lag);
        var verdict = lag.Verdict.ToString().ToLowerInvariant();
        var waiting = Math.Max(lag.OldestPendingMicros, lag.NothingServedMicros);
        var figures = lag.Verdict == LagVerdict.Healthy || waiting < lag.P99Micros
            ? $"p99 {LagVerdictRule.Duration(lag.P99Micros)}"
            : $"p99 {LagVerdictRule.Duration(lag.P99Micros)}, oldest waiting {LagVerdictRule.Duration(waiting)}";
        var cause = Cause(blocking);
        var pending = Pending(hotspots);
        if (lag.Verdict == LagVerdict.Healthy)
        {
            return $"{verdict}: {figures}" + (cause is null ? "; nothing blocks pool threads" : $"; most blocking: {cause}");
        }

        var why = cause is null ? "cause: no blocking on pool threads seen (CPU-bound work items, or too few threads for the load)" : $"cause: {cause}";
        return $"{verdict}: {figures}; {why}" + (pending is null ? string.Empty : $", {pending}");
    }

    /// <summary>"sync-over-async in <c>M</c> (83% of blocked time)", or null when nothing blocked.</summary>
    public static string? Cause(BlockingReport? blocking)
    {
        var sites = blocking?.Sites.Where(s => s.BlockedMilliseconds > 0).ToList() ?? [];
        if (sites.Count == 0)
        {
            return null;
        }

        var top = sites.MaxBy(s => s.BlockedMilliseconds)!;
        var share = top.BlockedMilliseconds / sites.Sum(s => s.BlockedMilliseconds);
        return string.Create(CultureInfo.InvariantCulture, $"{BlockingKinds.Label(top.Kind)} in `{top.Method}` ({share:0%} of blocked time)");
    }

    private static string? Pending(HotspotsReport? hotspots)
    {
        var top = hotspots?.Methods.MaxBy(m => m.Pending);
        return top is null || top.Pending == 0 ? null : string.Create(CultureInfo.InvariantCulture, $"{top.Pending:#,0} calls pending in `{MethodName(top)}`");
    }

    /// <summary>The async method as Type.Method.</summary>
    public static string MethodName(AsyncMethodHotspot method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return method.Method.Contains('.', StringComparison.Ordinal) ? method.Method : $"{method.DeclaringType}.{method.Method}";
    }
}
