using System.Globalization;
using AsyncIoTools.Benchmarks.Results;
using AsyncIoTools.Results;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>
/// What <c>Invoke-LoadTest</c> writes: the measured window's figures flat and named with their units (as
/// <c>aiotools load --json</c> names them), errors by kind; the whole report (histogram included) is <see cref="GetReport"/>.
/// </summary>
public sealed class LoadTestResult
{
    private readonly LoadReport _report;

    internal LoadTestResult(LoadReport report)
    {
        var point = report.Summary.Count > 0 ? report.Summary[0] : null;
        var measured = report.Measurement;
        Target = report.Target;
        Protocol = report.Load.Protocol.ToString().ToLowerInvariant();
        Connections = report.Ramp.Connected;
        Active = report.Load.Active;
        Seconds = measured.DurationSeconds;
        Requests = measured.Requests;
        RequestsPerSecond = measured.RequestsPerSecond;
        P50Micros = measured.Latency.P50Micros;
        P90Micros = measured.Latency.P90Micros;
        P99Micros = measured.Latency.P99Micros;
        P999Micros = measured.Latency.P999Micros;
        MaxMicros = measured.Latency.MaxMicros;
        CorrectedP99Micros = measured.CorrectedLatency?.P99Micros;
        Errors = measured.Errors.Total;
        ConnectErrors = measured.Errors.Connect + report.Ramp.ConnectErrors;
        ReadErrors = measured.Errors.Read;
        WriteErrors = measured.Errors.Write;
        Timeouts = measured.Errors.Timeout;
        StatusErrors = measured.Errors.Status;
        BadResponses = measured.Errors.BadResponse;
        RampSeconds = point?.RampSeconds ?? report.Ramp.Elapsed.TotalSeconds;
        _report = report;
    }

    public string Target { get; }

    public string Protocol { get; }

    /// <summary>Connections open when measuring began.</summary>
    public int Connections { get; }

    public int Active { get; }

    public double Seconds { get; }

    public long Requests { get; }

    public double RequestsPerSecond { get; }

    public double P50Micros { get; }

    public double P90Micros { get; }

    public double P99Micros { get; }

    public double P999Micros { get; }

    public double MaxMicros { get; }

    /// <summary>Constant-rate runs: p99 from each request's intended start (coordinated omission corrected).</summary>
    public double? CorrectedP99Micros { get; }

    public long Errors { get; }

    public long ConnectErrors { get; }

    public long ReadErrors { get; }

    public long WriteErrors { get; }

    public long Timeouts { get; }

    public long StatusErrors { get; }

    public long BadResponses { get; }

    public double RampSeconds { get; }

    /// <summary>The whole report, as <c>aiotools load --json</c> prints it (latency histogram included).</summary>
    public LoadReport GetReport() => _report;

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Target}: {RequestsPerSecond:0} req/s, p99 {P99Micros:0} µs, {Errors} errors");
}
