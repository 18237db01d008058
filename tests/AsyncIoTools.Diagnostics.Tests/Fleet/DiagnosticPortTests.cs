using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace AsyncIoTools.Diagnostics.Tests.Fleet;

/// <summary>
/// Attach from the first instruction: aiotools listens on a diagnostic port, the app starts with
/// DOTNET_DiagnosticPorts and waits for the session; its startup lag (a burst of blocking pool items queued before
/// anything else) must show in the first interval, which an attach by process id could never see.
/// </summary>
[Collection(LiveTargets.Name)]
public sealed class DiagnosticPortTests(ITestOutputHelper output)
{
    [Fact]
    public void Listen_TheFirstIntervalShowsTheStartupLag()
    {
        var folder = Directory.CreateTempSubdirectory("aiotools-port-").FullName;
        var socket = Path.Combine(folder, $"port-{Guid.NewGuid():N}.sock");
        using var tool = StartLag(["--diagnostic-port", socket], out var stdout, out var stderr);
        WaitFor(socket);

        using var target = TargetApp.StartLagTarget("none", new Dictionary<string, string> { ["DOTNET_DiagnosticPorts"] = socket }, "--startup-burst", "400");

        var report = Finish(tool, stdout, stderr);
        AssertStartupLag(report, target.ProcessId);
    }

    [Fact]
    public void Listen_TargetInAnotherMountNamespace_SharingOnlyTheSocketFolder()
    {
        // The container case: the app gets a mount namespace of its own with a private temporary folder (so its
        // default endpoint is invisible to us) and sees only the shared socket folder, bound at /mnt. The private
        // folder is a tmpfs on /var/tmp named by TMPDIR, not one over /tmp: a checkout under /tmp (a CI clone) would
        // vanish under it, and the app's binary with it.
        var shared = Directory.CreateTempSubdirectory("aiotools-share-").FullName;
        var name = $"port-{Guid.NewGuid():N}.sock";
        using var tool = StartLag(["--diagnostic-port", Path.Combine(shared, name)], out var stdout, out var stderr);
        WaitFor(Path.Combine(shared, name));
        var binary = TargetApp.TargetBinary("AsyncIoTools.LagTarget", "net10.0");
        var script = $"mount --bind '{shared}' /mnt && mount -t tmpfs tmpfs /var/tmp && TMPDIR=/var/tmp DOTNET_DiagnosticPorts=/mnt/{name} exec '{binary}' --mode none --startup-burst 400";

        using var target = TargetApp.StartVia("unshare", ["--mount", "--propagation", "private", "sh", "-c", script]);

        var report = Finish(tool, stdout, stderr);
        AssertStartupLag(report, target.ProcessId);
        Assert.NotEqual(Link("/proc/self/ns/mnt"), Link($"/proc/{target.ProcessId}/ns/mnt"));
    }

    [Fact]
    public void Launch_ObservesTheAppFromItsStart_AndEndsIt()
    {
        var binary = TargetApp.TargetBinary("AsyncIoTools.LagTarget", "net10.0");
        using var tool = StartLag(["--", binary, "--mode", "none", "--startup-burst", "400"], out var stdout, out var stderr);

        var report = Finish(tool, stdout, stderr);

        var pid = report.GetProperty("target").GetProperty("processId").GetInt32();
        AssertStartupLag(report, pid);
        Assert.Contains("\"event\":\"ready\"", stderr.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}"), "the launched app was left running");
    }

    [Fact]
    public void BlockingLaunch_NamesTheBlockingMethod()
    {
        var binary = TargetApp.TargetBinary("AsyncIoTools.LagTarget", "net10.0");

        var result = Aiotools.Run("blocking", "-d", "4s", "--", binary, "--mode", "sync-over-async");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("InventoryClient.GetStockSync", result.Output, StringComparison.Ordinal);
    }

    private static Process StartLag(string[] arguments, out System.Text.StringBuilder stdout, out System.Text.StringBuilder stderr) =>
        Aiotools.Start(out stdout, out stderr, ["lag", "-d", "4s", "--json", .. arguments]);

    private static JsonElement Finish(Process tool, System.Text.StringBuilder stdout, System.Text.StringBuilder stderr)
    {
        TestProcesses.AwaitExit(tool, TimeSpan.FromSeconds(90), "aiotools lag", stderr);
        Assert.True(tool.ExitCode == 0, $"exit {tool.ExitCode}: {stderr}");
        return JsonDocument.Parse(stdout.ToString()).RootElement.Clone();
    }

    private void AssertStartupLag(JsonElement report, int processId)
    {
        Assert.Equal(processId, report.GetProperty("target").GetProperty("processId").GetInt32());
        var intervals = report.GetProperty("intervals").EnumerateArray().ToList();
        foreach (var interval in intervals)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{interval.GetProperty("startSeconds").GetDouble():0.0}-{interval.GetProperty("endSeconds").GetDouble():0.0}s items {interval.GetProperty("items")} p50 {interval.GetProperty("p50Micros")} µs p99 {interval.GetProperty("p99Micros")} µs max {interval.GetProperty("maxMicros")} µs {interval.GetProperty("verdict")}"));
        }

        // The app does nothing after its burst, so the last interval is quiet.
        var burst = StartupBurst.IndexIn([.. intervals.Select(i => (i.GetProperty("items").GetInt64(), i.GetProperty("p99Micros").GetInt64()))]);
        Assert.True(burst is not null, "no burst (100 items or more, p99 100 ms or more) in the first two intervals");
        Assert.True(intervals[^1].GetProperty("p99Micros").GetInt64() < intervals[burst.Value].GetProperty("p99Micros").GetInt64() / 5, $"last interval: {intervals[^1]}");
    }

    private static void WaitFor(string socket)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!File.Exists(socket) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        Assert.True(File.Exists(socket), $"aiotools did not create {socket}");
    }

    private static string Link(string path) => new FileInfo(path).LinkTarget ?? "?";
}
