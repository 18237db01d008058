using System.Globalization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Results;

namespace AsyncIoTools.Benchmarks.Runner;

/// <summary>
/// Idle connections never send, so to the server they are clients that have not sent a request head yet, and it
/// closes them at its head timeout (slowloris; 30 s, as Kestrel's RequestHeadersTimeout). A run that holds them
/// longer measures those closes and the load opening them again: c100k-idle's third trial served nothing while
/// 99,000 connections were closed and reopened. The runner says so before it starts.
/// </summary>
internal static class IdleHold
{
    public static string? Warning(RunPoint point, bool interleaved)
    {
        ArgumentNullException.ThrowIfNull(point);
        var scenario = point.Scenario;
        var idle = scenario.Connections - scenario.EffectiveActive;
        if (idle <= 0)
        {
            return null;
        }

        // Interleaved, every trial has a server and connections of its own.
        var held = TimeSpan.FromSeconds(scenario.WarmupSeconds + ((interleaved ? 1 : scenario.Trials) * scenario.DurationSeconds));
        var head = (scenario.Limits ?? new ScenarioLimits()).ToServerLimits().HeadTimeout;
        return held < head
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{point.Label}: {idle:N0} idle connections are held at least {held.TotalSeconds:0.#} s, not less than the server's head timeout ({head.TotalSeconds:0.#} s): it closes them as clients that never sent a request, and the load opens them again during the trials; give the server a longer one (--limit headTimeout=…, or the scenario's limits.headTimeoutSeconds)");
    }
}
