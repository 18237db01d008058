namespace AsyncIoTools.Results;

/// <summary>
/// One point of a summary: an engine (and variant) at one scenario point. The field names are a stable
/// contract for scripts (<c>--json</c>) and for reports; new fields may be added, none renamed or removed.
/// Figures are medians over trials; <see cref="Intervals"/> holds their spread. Null means not measured.
/// </summary>
public sealed record SummaryPoint
{
    public required string Engine { get; init; }

    public string? Variant { get; init; }

    public required string Scenario { get; init; }

    /// <summary>The scenario case: a named set of settings compared with the scenario's other cases.</summary>
    public string? Case { get; init; }

    /// <summary>The parameter a sweep varies and its value at this point; null when not a sweep.</summary>
    public string? SweepParameter { get; init; }

    public double? SweepValue { get; init; }

    public int Connections { get; init; }

    public int Active { get; init; }

    public double RequestsPerSecond { get; init; }

    public double P50Micros { get; init; }

    public double P90Micros { get; init; }

    public double P99Micros { get; init; }

    public double P999Micros { get; init; }

    public double MaxMicros { get; init; }

    /// <summary>Constant-rate mode: p99 from each request's intended start (coordinated omission corrected).</summary>
    public double? CorrectedP99Micros { get; init; }

    /// <summary>Server CPU (user + system, from /proc) per answered request.</summary>
    public double? CpuMicrosPerRequest { get; init; }

    /// <summary>System calls the server made per answered request, counted exactly by our interop.</summary>
    public double? SyscallsPerRequest { get; init; }

    /// <summary>Server memory growth per open connection over the idle server.</summary>
    public double? RssBytesPerConnection { get; init; }

    /// <summary>Bytes the server sent per second, in MiB/s (what file and echo scenarios compare).</summary>
    public double? MebibytesPerSecond { get; init; }

    /// <summary>Server CPU per MiB sent (user + system).</summary>
    public double? CpuMicrosPerMebibyte { get; init; }

    /// <summary>TCP segments sent per request on the whole host (both directions on loopback).</summary>
    public double? SegmentsPerRequest { get; init; }

    /// <summary>
    /// CPU per request that no process was charged for (<see cref="SystemMeasurement.UnchargedCpuMicrosPerRequest"/>):
    /// on loopback the traffic's own network work, in neither <see cref="CpuMicrosPerRequest"/> nor the load's.
    /// </summary>
    public double? UnchargedCpuMicrosPerRequest { get; init; }

    /// <summary>Kernel TCP memory per connection (both ends of each loopback connection).</summary>
    public double? KernelBytesPerConnection { get; init; }

    /// <summary>Seconds to open all connections.</summary>
    public double? RampSeconds { get; init; }

    public long Errors { get; init; }

    public int Trials { get; init; }

    public IReadOnlyDictionary<string, TrialInterval>? Intervals { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];
}
