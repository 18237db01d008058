using System.Globalization;
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
        using var endpoint = await StandInEndpoint.StartAsync(StandInEndpoint.Error(IpcErrorResponseException.UnknownCommand), EndpointPath(process.ProcessId, ProcFs.StartTime(process.ProcessId)!.Value));

        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = process.ProcessId }));

        Assert.Equal(FailureKind.RuntimeTooOld, error.Kind);
        Assert.Equal($"process {process.ProcessId} (sleep) runs a .NET runtime older than 6.0 (it does not know the ProcessInfo2 command); aiotools needs .NET 6 or later", error.Message);
    }

    [Fact]
    public async Task Locate_OnlyAStaleEndpointWithThisId_IsNotDotNetAndNeverConnected()
    {
        // A socket an earlier process with the same id left: its key is not this process's start time. What answers
        // there would pass for this process (this one answers as .NET 10), so the locator must not ask it.
        using var process = PlainProcess.Sleep();
        var stalePath = EndpointPath(process.ProcessId, ProcFs.StartTime(process.ProcessId)!.Value - 1);
        using var stale = await StandInEndpoint.StartAsync(StandInEndpoint.Answer(DotNet10(process.ProcessId)), stalePath);

        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = process.ProcessId }));

        Assert.Equal(FailureKind.NotDotNetProcess, error.Kind);
        Assert.Equal($"process {process.ProcessId} (sleep) is not a .NET process (no .NET runtime loaded, no diagnostics endpoint; {stalePath} was left by an earlier process with the same id)", error.Message);
        Assert.Null(DiagnosticEndpoint.Find(process.ProcessId));
        Assert.DoesNotContain(process.ProcessId, DiagnosticEndpoint.PublishedProcessIds());
    }

    [Fact]
    public async Task Locate_StaleEndpointNewerThanTheLiveOne_AsksTheLiveOne()
    {
        // The newest file used to win; the stale one is made last, and would answer as .NET 10 if asked.
        using var process = PlainProcess.Sleep();
        var startTime = ProcFs.StartTime(process.ProcessId)!.Value;
        using var live = await StandInEndpoint.StartAsync(StandInEndpoint.Error(IpcErrorResponseException.UnknownCommand), EndpointPath(process.ProcessId, startTime));
        using var stale = await StandInEndpoint.StartAsync(StandInEndpoint.Answer(DotNet10(process.ProcessId)), EndpointPath(process.ProcessId, startTime + 1));
        File.SetLastWriteTimeUtc(stale.Path, DateTime.UtcNow.AddMinutes(1));

        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = process.ProcessId }));

        Assert.Equal(FailureKind.RuntimeTooOld, error.Kind);
        Assert.Equal(live.Path, DiagnosticEndpoint.Find(process.ProcessId));
        Assert.Contains(process.ProcessId, DiagnosticEndpoint.PublishedProcessIds());
    }

    [Fact]
    public void Locate_ThreadIdOfAProcess_NamesTheProcessItBelongsTo()
    {
        // A thread of this (.NET) test process: /proc answers for it as if it were a process.
        var processId = Environment.ProcessId;
        var threadId = Directory.GetDirectories($"/proc/{processId}/task").Select(t => int.Parse(Path.GetFileName(t), CultureInfo.InvariantCulture)).First(t => t != processId);
        var name = File.ReadAllText($"/proc/{processId}/comm").Trim();

        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = threadId }));

        Assert.Equal(FailureKind.NoSuchProcess, error.Kind);
        Assert.Equal($"no process with id {threadId}: it is a thread of process {processId} ({name}); give --process-id {processId}", error.MessageFor(setting => "--" + SettingNames.Kebab(setting)));
    }

    [Fact]
    public async Task Locate_Zombie_SaysItHasExited()
    {
        using var parent = PlainProcess.WithZombieChild(out var zombieId);
        await Eventually.UntilAsync(() => ProcFs.State(zombieId) == 'Z', $"process {zombieId} to become a zombie");

        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = zombieId }));

        Assert.Equal(FailureKind.TargetExited, error.Kind);
        Assert.Equal($"process {zombieId} (sh) has exited: it is a zombie its parent has not reaped yet, and nothing of it is left to attach to", error.Message);
    }

    [Fact]
    public void Locate_TargetWhoseEndpointWentFirstAndThatThenExits_SaysItExited()
    {
        // A runtime shutting down removes its endpoint, then exits: read in between, it used to be judged as started
        // with diagnostics disabled. The endpoint is removed here, then the target exits a moment into the locate.
        using var target = TargetApp.StartLagTarget("none");
        var name = ProcFs.Name(target.ProcessId);
        var endpoint = DiagnosticEndpoint.Find(target.ProcessId);
        Assert.NotNull(endpoint);
        File.Delete(endpoint);
        target.Ask("exit-in 1000");

        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = target.ProcessId }));

        Assert.Equal(FailureKind.TargetExited, error.Kind);
        Assert.Equal($"process {target.ProcessId} ({name}) exited before aiotools could attach", error.Message);
    }

    [Fact]
    public async Task Locate_TargetWhoseEndpointAppearsAMomentLater_IsAttachedTo()
    {
        // A runtime still starting has no endpoint yet: its socket is moved away, and back 500 ms into the locate.
        using var target = TargetApp.StartLagTarget("none");
        var endpoint = DiagnosticEndpoint.Find(target.ProcessId)!;
        var away = endpoint + ".away";
        File.Move(endpoint, away);
        var back = Task.Delay(500).ContinueWith(_ => File.Move(away, endpoint), TaskScheduler.Default);

        var located = LagMonitor.Locate(new LagOptions { ProcessId = target.ProcessId });
        await back;

        Assert.Equal(target.ProcessId, located.ProcessId);
        Assert.Equal(endpoint, located.EndpointPath);
    }

    [Fact]
    public void Locate_RunningTargetWhoseEndpointWasRemoved_IsStillJudgedAfterAWhile()
    {
        // The wait for an exit ends: a target that lives on without its endpoint is named as such.
        using var target = TargetApp.StartLagTarget("none");
        File.Delete(DiagnosticEndpoint.Find(target.ProcessId)!);

        var error = Assert.Throws<AsyncIoToolsException>(() => LagMonitor.Locate(new LagOptions { ProcessId = target.ProcessId }));

        Assert.Equal(FailureKind.DiagnosticsDisabled, error.Kind);
        Assert.Contains("runs .NET but has no diagnostics endpoint", error.Message, StringComparison.Ordinal);
        Assert.False(target.HasExited);
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

    private static string EndpointPath(int processId, ulong key) =>
        Path.Combine(Path.GetTempPath(), string.Create(CultureInfo.InvariantCulture, $"{DiagnosticEndpoint.Prefix}{processId}-{key}-socket"));

    private static RuntimeInfo DotNet10(int processId) => new(processId, "/usr/bin/sleep 120", "Linux", "x64", "stand-in", "10.0.0");
}
