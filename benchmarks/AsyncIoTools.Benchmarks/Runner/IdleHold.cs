using System.Globalization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Results;
using AsyncIoTools.Workloads;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// Idle connections never send. To an HTTP server they are clients that have not sent a request head yet, which it
/// closes at its head timeout (slowloris; 30 s, as Kestrel's RequestHeadersTimeout); to an echo server they are idle
/// between messages, closed at the keep-alive timeout. A run that holds them longer measures those closes and the
/// load opening them again: c100k-idle's third trial served nothing while 99,000 connections were closed and
/// reopened. The result's warnings say so, with a timeout that would have held them.
/// </summary>
internal static class IdleHold
{
    /// <summary>The warning for a run that held idle connections as long as the server's timeout for them, else null.</summary>
    /// <param name="ramp">How long opening the connections took: the first waited through all of it.</param>
    public static string? Warning(RunPoint point, bool interleaved, TimeSpan ramp)
    {
        ArgumentNullException.ThrowIfNull(point);
        var scenario = point.Scenario;
        var idle = scenario.Connections - scenario.EffectiveActive;
        if (idle <= 0)
        {
            return null;
        }

        // Interleaved, every trial has a server and connections of its own.
        var held = ramp + TimeSpan.FromSeconds(scenario.WarmupSeconds + ((interleaved ? 1 : scenario.Trials) * scenario.DurationSeconds));
        var limits = scenario.Limits?.ToServerLimits() ?? ServerLimits.Default; // as CaseSettings gives the server
        var (timeout, name) = scenario.Protocol == ProtocolKind.Echo ? (limits.KeepAliveTimeout, "keepAliveTimeout") : (limits.HeadTimeout, "headTimeout");
        if (held < timeout)
        {
            return null;
        }

        var enough = Math.Ceiling(held.TotalSeconds * 2);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{point.Label}: {idle:N0} idle connections were held {held.TotalSeconds:0.#} s, at least as long as the server's {name} ({timeout.TotalSeconds:0.#} s): it closes them as clients that never sent, and the load opens them again during the trials; give it a longer one, e.g. the server limit {name}={enough}s");
    }

    /// <summary>The warnings of every point that ran, each with its run's measured ramp.</summary>
    public static IEnumerable<string> Warnings(IEnumerable<RunPoint> points, IReadOnlyList<EngineRun> runs, bool interleaved) =>
        points
            .Select(point => (Point: point, Run: runs.FirstOrDefault(r => r.Status != RunStatus.Unavailable && RunLabels.Of(r) == point.Label)))
            .Where(x => x.Run is not null)
            .Select(x => Warning(x.Point, interleaved, x.Run!.Ramp?.Elapsed ?? TimeSpan.Zero))
            .OfType<string>();
}
