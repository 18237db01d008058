using System.ComponentModel;
using System.Globalization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Results;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>
/// What <c>Invoke-C10kBenchmark</c> writes: one engine (and variant) at one scenario point, its figures flat and
/// named with their units, exactly as <c>aiotools bench --json</c> names them (medians over the trials; null
/// when not measured). The whole result it belongs to rides along out of sight (<see cref="GetResult"/>; not a
/// property, so ConvertTo-Json and Export-Csv see only figures), and a point converts to it, which is how points
/// pipe into <c>New-PerformanceReport</c>.
/// </summary>
[TypeConverter(typeof(BenchmarkPointConverter))]
public sealed class BenchmarkPoint
{
    private readonly BenchmarkResult _result;

    internal BenchmarkPoint(SummaryPoint point, BenchmarkResult result, string? resultPath)
    {
        Engine = point.Engine;
        Variant = point.Variant;
        Scenario = point.Scenario;
        Case = point.Case;
        SweepParameter = point.SweepParameter;
        SweepValue = point.SweepValue;
        Connections = point.Connections;
        Active = point.Active;
        RequestsPerSecond = point.RequestsPerSecond;
        P50Micros = point.P50Micros;
        P90Micros = point.P90Micros;
        P99Micros = point.P99Micros;
        P999Micros = point.P999Micros;
        MaxMicros = point.MaxMicros;
        CorrectedP99Micros = point.CorrectedP99Micros;
        CpuMicrosPerRequest = point.CpuMicrosPerRequest;
        UnchargedCpuMicrosPerRequest = point.UnchargedCpuMicrosPerRequest;
        SyscallsPerRequest = point.SyscallsPerRequest;
        RssBytesPerConnection = point.RssBytesPerConnection;
        MebibytesPerSecond = point.MebibytesPerSecond;
        CpuMicrosPerMebibyte = point.CpuMicrosPerMebibyte;
        SegmentsPerRequest = point.SegmentsPerRequest;
        RampSeconds = point.RampSeconds;
        Errors = point.Errors;
        Trials = point.Trials;
        Warnings = string.Join("; ", point.Warnings);
        ResultPath = resultPath;
        _result = result;
    }

    public string Engine { get; }

    public string? Variant { get; }

    public string Scenario { get; }

    public string? Case { get; }

    public string? SweepParameter { get; }

    public double? SweepValue { get; }

    public int Connections { get; }

    public int Active { get; }

    public double RequestsPerSecond { get; }

    public double P50Micros { get; }

    public double P90Micros { get; }

    public double P99Micros { get; }

    public double P999Micros { get; }

    public double MaxMicros { get; }

    /// <summary>Constant-rate runs: p99 from each request's intended start (coordinated omission corrected).</summary>
    public double? CorrectedP99Micros { get; }

    public double? CpuMicrosPerRequest { get; }

    /// <summary>CPU per request no process was charged for (softirq threads, softirq on idle CPUs): on loopback the traffic's own network work.</summary>
    public double? UnchargedCpuMicrosPerRequest { get; }

    public double? SyscallsPerRequest { get; }

    public double? RssBytesPerConnection { get; }

    public double? MebibytesPerSecond { get; }

    public double? CpuMicrosPerMebibyte { get; }

    public double? SegmentsPerRequest { get; }

    public double? RampSeconds { get; }

    public long Errors { get; }

    public int Trials { get; }

    /// <summary>What to be wary of in these figures (noisy trials, a saturated load generator), one line.</summary>
    public string Warnings { get; }

    /// <summary>The result file written with -OutputPath; null without it.</summary>
    public string? ResultPath { get; }

    /// <summary>The whole result this point belongs to: every run, trial and the environment.</summary>
    public BenchmarkResult GetResult() => _result;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(Variant is null ? Engine : Engine + ":" + Variant)} {Connections} connections: {RequestsPerSecond:0} req/s, p99 {P99Micros:0} µs");
}
