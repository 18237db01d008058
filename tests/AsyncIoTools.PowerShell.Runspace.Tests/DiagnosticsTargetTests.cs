using Xunit.Abstractions;

namespace AsyncIoTools.PowerShell.Runspace.Tests;

/// <summary>
/// The diagnostics cmdlets' kinds of target, against real lag targets, as the CLI has them: several processes at
/// once (ids, or processes piped in), an app the cmdlet starts on a diagnostic port of its own (-FilePath), and an
/// app that connects to a port the cmdlet listens on (-DiagnosticPort); refusals name the PowerShell parameters.
/// </summary>
public sealed class DiagnosticsTargetTests(ModuleSession session, ITestOutputHelper output) : IClassFixture<ModuleSession>
{
    private static string Binary => Path.Combine(ModuleSession.Root, "tests", "targets", "AsyncIoTools.LagTarget", "bin", ModuleSession.Configuration, "net10.0", "AsyncIoTools.LagTarget");

    [Fact]
    public void SeveralProcesses_ByIdAndFromThePipeline_OneReportEach()
    {
        var first = ModuleSession.StartLagTarget();
        var second = ModuleSession.StartLagTarget();
        try
        {
            var byId = session.Run($"Get-EventLoopLag -ProcessId {first.Id},{second.Id} -Duration 2s -Interval 1s");
            Assert.Equal(new[] { first.Id, second.Id }.Order(), byId.Select(r => (int)r.Properties["ProcessId"].Value).Order());
            Assert.All(byId, r => Assert.True((long)r.Properties["Items"].Value > 0));

            var piped = session.Run($"Get-Process -Id {first.Id},{second.Id} | Get-EventLoopLag -Duration 2s -Interval 1s");
            Assert.Equal(new[] { first.Id, second.Id }.Order(), piped.Select(r => (int)r.Properties["ProcessId"].Value).Order());
        }
        finally
        {
            ModuleSession.Stop(first);
            ModuleSession.Stop(second);
        }
    }

    [Fact]
    public void PipedProcess_ThatCannotBeAttached_IsAnErrorForThatInputAlone()
    {
        var target = ModuleSession.StartLagTarget();
        try
        {
            // pid 1 is not a .NET process: refused when it arrives; the other is watched.
            var reports = session.Run($"[pscustomobject]@{{ Id = 1 }}, [pscustomobject]@{{ Id = {target.Id} }} | Get-EventLoopLag -Duration 1s -Interval 500ms", out var errors);
            Assert.Equal(target.Id, (int)Assert.Single(reports).Properties["ProcessId"].Value);
            Assert.Equal("1", Assert.Single(errors).TargetObject?.ToString());
        }
        finally
        {
            ModuleSession.Stop(target);
        }
    }

    [Fact]
    public void FilePath_ObservesTheAppFromItsStart_AndEndsIt()
    {
        var report = session.Run($"Get-EventLoopLag -FilePath '{Binary}' -ArgumentList '--mode','none','--startup-burst','400' -Duration 3s -Interval 1s").Single();
        var pid = (int)report.Properties["ProcessId"].Value;
        var intervals = ((System.Collections.IEnumerable)report.Properties["Intervals"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList();
        output.WriteLine(string.Join("\n", intervals.Select(i => $"{i.Properties["Index"].Value}: items {i.Properties["Items"].Value} p99 {i.Properties["P99Micros"].Value} µs")));

        // 400 items of 5 ms queued before anything else: an attach by id could never see them; from the start it does.
        AssertStartupBurst(intervals);
        Assert.False(Directory.Exists($"/proc/{pid}"), "the started app was left running");
    }

    [Fact]
    public void DiagnosticPort_ListensForTheApp()
    {
        var socket = Path.Combine(Directory.CreateTempSubdirectory("aiotools-port-").FullName, "port.sock");
        using var shell = session.Shell($"Get-EventLoopLag -DiagnosticPort '{socket}' -Duration 3s -Interval 1s");
        var running = shell.BeginInvoke();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!File.Exists(socket) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(50);
        }

        Assert.True(File.Exists(socket), "the cmdlet never listened");
        var start = new System.Diagnostics.ProcessStartInfo(Binary, ["--mode", "none", "--startup-burst", "400"]) { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["DOTNET_DiagnosticPorts"] = socket;
        using var target = System.Diagnostics.Process.Start(start)!;
        try
        {
            var report = shell.EndInvoke(running).Single();
            Assert.Equal(target.Id, (int)report.Properties["ProcessId"].Value);
            AssertStartupBurst(((System.Collections.IEnumerable)report.Properties["Intervals"].Value).Cast<object>().Select(PSObject.AsPSObject).ToList());
        }
        finally
        {
            target.StandardInput.Close();
            if (!target.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                target.Kill();
            }
        }
    }

    [Fact]
    public void BlockingAndHotspots_OnAnAppTheyStart()
    {
        var sites = session.Run($"Get-BlockingCall -FilePath '{Binary}' -ArgumentList '--mode','sync-over-async' -Duration 3s");
        Assert.Contains(sites, s => ((string)s.Properties["Method"].Value).Contains("InventoryClient.GetStockSync", StringComparison.Ordinal));

        var hotspots = session.Run($"Get-AsyncHotspot -FilePath '{Binary}' -ArgumentList '--mode','none' -Duration 2s");
        Assert.Contains(hotspots, h => ((string)h.Properties["DeclaringType"].Value).Contains("AsyncIoTools.LagTarget", StringComparison.Ordinal));
    }

    [Fact]
    public void Refusals_NameThePowerShellParameters()
    {
        var first = ModuleSession.StartLagTarget();
        var second = ModuleSession.StartLagTarget();
        try
        {
            var record = session.Failure($"Get-EventLoopLag -ProcessId {first.Id},{second.Id} -TraceOut x.nettrace -Duration 1s");
            Assert.Equal("InvalidUsage,AsyncIoTools.PowerShell.Commands.GetEventLoopLagCommand", record.FullyQualifiedErrorId);
            Assert.Contains("-TraceOut", record.ToString(), StringComparison.Ordinal);
            Assert.Contains("-ProcessId", record.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("--", record.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            ModuleSession.Stop(first);
            ModuleSession.Stop(second);
        }

        var missing = session.Failure("Get-BlockingCall -FilePath /no/such/app -Duration 1s");
        Assert.Equal("InvalidUsage,AsyncIoTools.PowerShell.Commands.GetBlockingCallCommand", missing.FullyQualifiedErrorId);
        Assert.Contains("/no/such/app", missing.ToString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// The burst in the first or the second interval (<see cref="StartupBurst"/>). Whether the app is quiet after it is
    /// DiagnosticPortTests' check, over 4 s: in 3 s its tail may reach the last interval.
    /// </summary>
    private static void AssertStartupBurst(IReadOnlyList<PSObject> intervals) =>
        Assert.True(
            StartupBurst.IndexIn([.. intervals.Select(i => ((long)i.Properties["Items"].Value, (long)i.Properties["P99Micros"].Value))]) is not null,
            "the startup lag is missing from the first two intervals");
}
