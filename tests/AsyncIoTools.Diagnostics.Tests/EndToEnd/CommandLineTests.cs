using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Tests.EndToEnd;

/// <summary>The commands' normal output through the real binary: the JSON contract, ps, hotspots, and Ctrl+C.</summary>
[Collection(LiveTargets.Name)]
public sealed class CommandLineTests
{
    [Fact]
    public void LagJson_HasTheDocumentedFields()
    {
        using var target = TargetApp.StartLagTarget("none");

        var result = Aiotools.Run("lag", "-p", target.ProcessIdArgument, "--duration", "2s", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(result.Output);
        var summary = document.RootElement.GetProperty("summary");
        foreach (var field in (string[])["p50Micros", "p90Micros", "p99Micros", "maxMicros", "oldestPendingMicros", "items"])
        {
            Assert.Equal(JsonValueKind.Number, summary.GetProperty(field).ValueKind);
        }

        Assert.True(document.RootElement.GetProperty("intervals").GetArrayLength() >= 2);
        Assert.Equal("completed", document.RootElement.GetProperty("end").GetString());
    }

    [Fact]
    public void Lag_NewerStaleEndpointBesideTheLiveOne_RunsTheSessionOnTheLiveOne()
    {
        // A socket an earlier process with this id left, newer than the live one and refusing connections: the
        // session (not only the locator) must use the endpoint whose key is the target's start time.
        using var target = TargetApp.StartLagTarget("none");
        var live = DiagnosticEndpoint.Find(target.ProcessId) ?? throw new InvalidOperationException($"process {target.ProcessId} has no endpoint");
        var stalePath = Path.Combine(Path.GetDirectoryName(live)!, string.Create(CultureInfo.InvariantCulture, $"{DiagnosticEndpoint.Prefix}{target.ProcessId}-{ProcFs.StartTime(target.ProcessId)!.Value - 1}-socket"));
        // Bound, not listening: a connection is refused, as at a socket whose runtime is gone. (Kept open: closing
        // it would remove the file.)
        using var stale = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        stale.Bind(new UnixDomainSocketEndPoint(stalePath));
        try
        {
            File.SetLastWriteTimeUtc(stalePath, DateTime.UtcNow.AddMinutes(1));

            var result = Aiotools.Run("lag", "-p", target.ProcessIdArgument, "--duration", "1s");

            Assert.True(result.ExitCode == 0, result.ToString());
        }
        finally
        {
            File.Delete(stalePath);
        }
    }

    [Fact]
    public void Ps_ListsTheTarget()
    {
        using var target = TargetApp.StartLagTarget("none");

        var result = Aiotools.Run("ps", "--json");

        Assert.Equal(0, result.ExitCode);
        using var document = JsonDocument.Parse(result.Output);
        var row = Assert.Single(document.RootElement.EnumerateArray(), r => r.GetProperty("processId").GetInt32() == target.ProcessId);
        Assert.True(row.GetProperty("attachable").GetBoolean());
    }

    [Fact]
    public void Hotspots_NamesThePendingAsyncMethods()
    {
        using var target = TargetApp.StartUniquelyNamedLagTarget("none", out var name);

        var result = Aiotools.Run("hotspots", "--name", name);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("SubscriptionPump.RunAsync", result.Output, StringComparison.Ordinal);
        Assert.Contains("SessionReader.ReadAsync", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void LagWatch_CtrlC_PrintsTheSummaryAndExitsCleanly()
    {
        using var target = TargetApp.StartLagTarget("none");
        using var aiotools = Aiotools.Start(out var output, out _, "lag", "-p", target.ProcessIdArgument, "--watch", "--interval", "500ms");
        Eventually.Until(() => Rows(output), rows => rows >= 2 || aiotools.HasExited, "two interval rows from lag --watch", TimeSpan.FromMinutes(1));

        TestProcesses.Interrupt(aiotools);

        TestProcesses.AwaitExit(aiotools, TimeSpan.FromMinutes(1), "lag --watch, interrupted,");
        Assert.Equal(0, aiotools.ExitCode);
        Assert.Contains("Summary over", output.ToString(), StringComparison.Ordinal);
    }

    /// <summary>Interval rows start with their span, e.g. "0.5-1s".</summary>
    private static int Rows(System.Text.StringBuilder output) =>
        Aiotools.Read(output).Split('\n').Count(l => Regex.IsMatch(l, @"^\d+(\.\d+)?-\d+(\.\d+)?s "));
}
