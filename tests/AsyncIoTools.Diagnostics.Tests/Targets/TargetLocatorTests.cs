using AsyncIoTools.Diagnostics.Blocking;
using AsyncIoTools.Diagnostics.Hotspots;
using AsyncIoTools.Diagnostics.Lag;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Diagnostics.Tests.Targets;

/// <summary>Each way attaching can fail, tried for real, with the failure kind and the one-line message.</summary>
[Collection(LiveTargets.Name)]
public sealed class TargetLocatorTests
{
    [Fact]
    public void Locate_ProcessIdThatDoesNotExist_IsNoSuchProcess()
    {
        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = int.MaxValue }));

        Assert.Equal(FailureKind.NoSuchProcess, error.Kind);
        Assert.Equal($"no process with id {int.MaxValue}", error.Message);
    }

    [Fact]
    public void Locate_NameNoProcessHas_IsNoSuchProcess()
    {
        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessName = "no-such-process-here" }));

        Assert.Equal(FailureKind.NoSuchProcess, error.Kind);
        Assert.Equal("no process named 'no-such-process-here'", error.Message);
    }

    [Fact]
    public void Locate_NeitherIdNorName_IsAUsageError()
    {
        var error = Assert.Throws<AsyncIoToolsException>(() => BlockingProfiler.Locate(new BlockingOptions()));

        Assert.Equal(FailureKind.Usage, error.Kind);
    }

    [Fact]
    public void Locate_ProcessThatIsNotDotNet_IsNotDotNetProcess()
    {
        using var sleep = PlainProcess.Sleep();

        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = sleep.ProcessId }));

        Assert.Equal(FailureKind.NotDotNetProcess, error.Kind);
        Assert.Equal($"process {sleep.ProcessId} (sleep) is not a .NET process (no .NET runtime loaded, no diagnostics endpoint)", error.Message);
    }

    [Fact]
    public void Locate_TargetStartedWithDiagnosticsDisabled_IsDiagnosticsDisabled()
    {
        using var target = TargetApp.StartLagTarget("none", new Dictionary<string, string> { ["DOTNET_EnableDiagnostics"] = "0" });

        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = target.ProcessId }));

        Assert.Equal(FailureKind.DiagnosticsDisabled, error.Kind);
        Assert.Contains("diagnostics disabled (DOTNET_EnableDiagnostics=0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Locate_DotNet8Target_IsTooOldForLagAndBlocking()
    {
        using var target = TargetApp.StartOldRuntimeTarget();

        var lag = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = target.ProcessId }));
        var blocking = Assert.Throws<AsyncIoToolsException>(() => BlockingProfiler.Locate(new BlockingOptions { ProcessId = target.ProcessId }));
        var hotspots = AsyncHotspotScanner.Locate(new HotspotsOptions { ProcessId = target.ProcessId });

        Assert.Equal(FailureKind.RuntimeTooOld, lag.Kind);
        Assert.Matches(@"runs \.NET 8\.0\.\d+, too old for 'lag': it needs EventPipe sessions without a stack walk per event \(\.NET 9 and later\)$", lag.Message);
        Assert.Equal(FailureKind.RuntimeTooOld, blocking.Kind);
        Assert.Contains("too old for 'blocking': it needs the WaitHandleWait events (.NET 9 and later)", blocking.Message, StringComparison.Ordinal);
        Assert.Equal(8, hotspots.Runtime.RuntimeVersion.Major);
    }

    [Fact]
    public async Task Locate_RuntimeThatDoesNotKnowProcessInfo2_IsTooOld()
    {
        // No pre-.NET 6 runtime is installed here: a stand-in endpoint answers as such a runtime does (unknown command).
        using var process = PlainProcess.Sleep();
        var path = Path.Combine(Path.GetTempPath(), $"{DiagnosticEndpoint.Prefix}{process.ProcessId}-1-socket");
        using var endpoint = await StandInEndpoint.StartAsync(StandInEndpoint.Error(IpcErrorResponseException.UnknownCommand), path);

        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = process.ProcessId }));

        Assert.Equal(FailureKind.RuntimeTooOld, error.Kind);
        Assert.Equal($"process {process.ProcessId} (sleep) runs a .NET runtime older than 6.0 (it does not know the ProcessInfo2 command); aiotools needs .NET 6 or later", error.Message);
    }

    [Fact]
    public void List_RunningTarget_IsListedWithItsRuntime()
    {
        using var target = TargetApp.StartLagTarget("none");

        var row = Assert.Single(DotNetProcessLister.List(), p => p.ProcessId == target.ProcessId);

        Assert.True(row.Attachable);
        Assert.StartsWith("10.", row.RuntimeVersion, StringComparison.Ordinal);
        Assert.Contains("AsyncIoTools.LagTarget", row.CommandLine, StringComparison.Ordinal);
    }
}
