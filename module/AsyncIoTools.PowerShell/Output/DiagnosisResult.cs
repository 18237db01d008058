using System.Globalization;
using AsyncIoTools.Diagnostics.Incidents;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>
/// What <c>Invoke-Diagnosis</c> writes: the verdict and the line that names its cause (<see cref="Headline"/>)
/// first, the figures a script tests, then the evidence as the single-purpose cmdlets write it.
/// </summary>
public sealed class DiagnosisResult
{
    internal DiagnosisResult(Diagnosis diagnosis)
    {
        ProcessId = diagnosis.Target.ProcessId;
        Name = diagnosis.Target.Name;
        Verdict = diagnosis.Verdict.ToString();
        Headline = diagnosis.Headline.Replace("`", string.Empty, StringComparison.Ordinal);
        P99Micros = diagnosis.Lag.Summary.P99Micros;
        OldestPendingMicros = Math.Max(diagnosis.Lag.Summary.OldestPendingMicros, diagnosis.Lag.Summary.NothingServedMicros);
        Lag = new EventLoopLagReport(diagnosis.Lag);
        Blocking = [.. diagnosis.Blocking.Sites.Select(s => new BlockingCallSite(ProcessId, s))];
        Hotspots = diagnosis.Hotspots is { } hotspots ? [.. hotspots.Methods.Select(m => new AsyncHotspot(ProcessId, m))] : [];
        HotspotsUnavailable = diagnosis.HotspotsUnavailable;
    }

    public int ProcessId { get; }

    public string Name { get; }

    /// <summary>Healthy, Lagging or Starved.</summary>
    public string Verdict { get; }

    /// <summary>The verdict with its cause, e.g. "lagging: p99 95 ms; cause: sync-over-async in Service.Load (83% of blocked time), ...".</summary>
    public string Headline { get; }

    public long P99Micros { get; }

    public long OldestPendingMicros { get; }

    public EventLoopLagReport Lag { get; }

    /// <summary>The blocking sites, most blocked time first.</summary>
    public BlockingCallSite[] Blocking { get; }

    /// <summary>The pending async calls by method (empty when no snapshot could be taken: see <see cref="HotspotsUnavailable"/>).</summary>
    public AsyncHotspot[] Hotspots { get; }

    public string? HotspotsUnavailable { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"process {ProcessId}: {Headline}");
}
