using System.Globalization;
using AsyncIoTools.Benchmarks.Load;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Results;
using AsyncIoTools.Text;

namespace AsyncIoTools.Benchmarks.Results;

/// <summary>
/// What the runner and the load generator measure, written into the results contract's records. The contract
/// (core/AsyncIoTools.Results) knows nothing of engines or the load generator, so the mapping lives here.
/// </summary>
public static class ResultMapping
{
    /// <summary>An engine's counters over one trial (syscall kinds named in camelCase).</summary>
    public static CounterMeasurement ToMeasurement(this EngineCounters delta)
    {
        ArgumentNullException.ThrowIfNull(delta);
        var byKind = Enum.GetValues<SyscallKind>()
            .Where(kind => delta.SyscallsOf(kind) != 0)
            .ToDictionary(kind => char.ToLowerInvariant(kind.ToString()[0]) + kind.ToString()[1..], delta.SyscallsOf);
        return new CounterMeasurement(
            delta.Requests,
            delta.BytesIn,
            delta.BytesOut,
            delta.ConnectionsAccepted,
            delta.ConnectionsClosed,
            delta.ConnectionsRefused,
            delta.LoopIterations,
            delta.EventsReturned,
            delta.EventsPerWait,
            delta.AllocatedBytes,
            delta.Requests > 0 ? (double)delta.AllocatedBytes / delta.Requests : null,
            delta.GarbageCollections,
            delta.SyscallsCounted,
            byKind,
            delta.TotalSyscalls,
            delta.SyscallsCounted && delta.Requests > 0 ? (double)delta.TotalSyscalls / delta.Requests : null,
            delta.Limits is { } limits
                ? new LimitCloseCounts(limits.HeadTimeout, limits.KeepAliveTimeout, limits.MinReceiveRate, limits.MaxConnections, limits.HeadTooLarge, limits.BodyTooLarge, limits.LingerTimeout)
                : null);
    }

    /// <summary>A load generator's window; <paramref name="threads"/> turn its CPU time into a utilization.</summary>
    public static ClientMeasurement ToMeasurement(this LoadSample sample, int threads)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var seconds = sample.Duration.TotalSeconds;
        return new ClientMeasurement(
            seconds,
            sample.Requests,
            sample.RequestsPerSecond,
            LatencySummary.From(sample.Latency),
            sample.CorrectedLatency is { } corrected ? LatencySummary.From(corrected) : null,
            sample.Errors,
            sample.BytesSent,
            sample.BytesReceived,
            sample.Reconnects,
            sample.OpenConnections,
            sample.LoadCpuMicros,
            seconds > 0 && threads > 0 ? sample.LoadCpuMicros / (seconds * 1e6 * threads) : 0)
        {
            Intervals = sample.Intervals,
            IdleClosedByServer = sample.IdleClosedByServer,
            IdleClosedMeanOpenSeconds = sample.IdleClosedMeanOpenSeconds,
        };
    }

    /// <summary>The load half of a scenario as results hold it (plain values, no endpoints).</summary>
    public static LoadScenario ToScenario(this LoadOptions options, int threads)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new LoadScenario(
            options.Protocol,
            options.Connections,
            options.EffectiveActive,
            options.Duration.TotalSeconds,
            options.Warmup.TotalSeconds,
            options.Rate,
            options.Pipeline,
            options.MessageBytes,
            options.RequestsPerConnection,
            threads,
            options.Timeout.TotalSeconds,
            options.Path);
    }

    /// <summary>The point of a plain <c>load</c> run: client figures only, the server being whatever it is.</summary>
    public static SummaryPoint ToSummaryPoint(this LoadOptions options, ClientMeasurement measurement)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(measurement);
        return new SummaryPoint
        {
            Engine = "external",
            Scenario = "load",
            Connections = options.Connections,
            Active = options.EffectiveActive,
            RequestsPerSecond = measurement.RequestsPerSecond,
            P50Micros = measurement.Latency.P50Micros,
            P90Micros = measurement.Latency.P90Micros,
            P99Micros = measurement.Latency.P99Micros,
            P999Micros = measurement.Latency.P999Micros,
            MaxMicros = measurement.Latency.MaxMicros,
            CorrectedP99Micros = measurement.CorrectedLatency?.P99Micros,
            Errors = measurement.Errors.Total,
            Trials = 1,
            Warnings = measurement.IdleClosedByServer > 0
                ? [IdleClosedWarning(measurement.IdleClosedByServer, options.Connections - options.EffectiveActive, measurement.IdleClosedMeanOpenSeconds)]
                : [],
        };
    }

    /// <summary>
    /// The warning of a load run in which the server closed connections that never send: the run measured their
    /// reconnections too, and how long they had stayed open says why the server closed them.
    /// </summary>
    public static string IdleClosedWarning(long closes, int idle, double? meanOpenSeconds)
    {
        const string Timeout = "to hold them, give it a timeout for clients that have sent nothing longer than the ramp, warm-up and measurement (aiotools servers: the limit headTimeout, keepAliveTimeout for echo; nginx: client_header_timeout)";
        const string Limit = "connections past its limit (aiotools servers: the limit maxConnections; nginx: worker_connections)";
        var backOff = $"the load waits {Durations.Format(RequestSchedule.ConnectRetryDelay(1))}, then up to {Durations.Format(RequestSchedule.ConnectRetryDelay(int.MaxValue))}, before opening one it refused again";
        var why = meanOpenSeconds switch
        {
            < RequestSchedule.AtOnceSeconds => $"Closed at once: the server refuses {Limit}; {backOff}",
            not null => $"A server closes a client that has sent nothing at its timeout for that: {Timeout}",
            null => $"A server closes a client that has sent nothing at its timeout for that, and {Limit} at once: {Timeout}",
        };
        var open = meanOpenSeconds is { } seconds ? $", each after {Durations.Format(TimeSpan.FromSeconds(seconds))} open on average" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"the server closed idle connections {closes:N0} times in the measurement ({idle:N0} of the connections never send){open}, and the load opened each again: the measurement includes those reconnections. {why}");
    }

    /// <summary>A scenario's limits over the server's defaults.</summary>
    public static ServerLimits ToServerLimits(this ScenarioLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var defaults = ServerLimits.Default;
        return new ServerLimits
        {
            HeadTimeout = limits.HeadTimeoutSeconds is { } head ? TimeSpan.FromSeconds(head) : defaults.HeadTimeout,
            KeepAliveTimeout = limits.KeepAliveTimeoutSeconds is { } idle ? TimeSpan.FromSeconds(idle) : defaults.KeepAliveTimeout,
            MinReceiveRate = limits.MinReceiveRate ?? defaults.MinReceiveRate,
            MinReceiveRateGrace = limits.MinReceiveRateGraceSeconds is { } grace ? TimeSpan.FromSeconds(grace) : defaults.MinReceiveRateGrace,
            MaxConnections = limits.MaxConnections ?? defaults.MaxConnections,
            MaxHeadBytes = limits.MaxHeadBytes ?? defaults.MaxHeadBytes,
            MaxBodyBytes = limits.MaxBodyBytes ?? defaults.MaxBodyBytes,
        };
    }
}
