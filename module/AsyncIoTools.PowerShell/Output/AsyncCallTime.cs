using System.Globalization;
using AsyncIoTools.Diagnostics.Hotspots;

namespace AsyncIoTools.PowerShell.Output;

/// <summary>What <c>Get-AsyncHotspot -Trace</c> writes: one async method's calls over the traced window and how long they took.</summary>
public sealed class AsyncCallTime
{
    internal AsyncCallTime(int processId, AsyncCallTiming timing)
    {
        ProcessId = processId;
        Method = timing.Method;
        Started = timing.Started;
        Completed = timing.Completed;
        Failed = timing.Failed;
        OpenAtEnd = timing.OpenAtEnd;
        MeanMilliseconds = timing.MeanMilliseconds;
        P99Milliseconds = timing.P99Milliseconds;
        MaxMilliseconds = timing.MaxMilliseconds;
    }

    public int ProcessId { get; }

    public string Method { get; }

    public long Started { get; }

    public long Completed { get; }

    public long Failed { get; }

    /// <summary>Calls started and not finished when tracing stopped.</summary>
    public long OpenAtEnd { get; }

    public double MeanMilliseconds { get; }

    public double P99Milliseconds { get; }

    public double MaxMilliseconds { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Method}: {Completed} calls, p99 {P99Milliseconds:0.###} ms");
}
