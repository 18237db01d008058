using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Cli.Tests.Diagnostics;

/// <summary>The fixed target and lag figures the renderer tests and the output goldens are written from.</summary>
internal static class DiagnosticsSamples
{
    public static readonly DotNetTarget Target = new(4242, "shop", "/tmp/dotnet-diagnostic-4242-1-socket", new RuntimeInfo(4242, "/srv/shop", "Linux", "x64", "shop", "10.0.12"));

    public static readonly LagFigures Figures = new()
    {
        Items = 1579,
        P50Micros = 29,
        P90Micros = 138,
        P99Micros = 2_220,
        MaxMicros = 3_840,
        OldestPendingMicros = 0,
        PendingItems = 3,
        All = new DelayStatistics(2000, 25, 120, 1_540, 3_840),
        QueueLength = 5,
        ThreadCount = 3,
        Verdict = LagVerdict.Healthy,
        VerdictText = "healthy: p99 delay 2.22 ms",
    };
}
