using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Diagnostics.Tests.EndToEnd;

/// <summary>
/// Every expected failure through the real aiotools binary: a one-line message on stderr, no stack trace, and the
/// documented exit code (README, "Exit codes").
/// </summary>
[Collection(LiveTargets.Name)]
public sealed class CommandLineErrorTests
{
    [Fact]
    public void Lag_BadDuration_IsAUsageErrorWithExitCode2()
    {
        var result = Aiotools.Run("lag", "-p", "1", "--duration", "abc");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("aiotools: 'abc' is not a duration for --duration: use a positive number with a unit, e.g. 10s, 500ms, 2m", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Lag_NoSuchProcess_ExitsWith10()
    {
        var result = Aiotools.Run("lag", "-p", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture));

        AssertOneLineFailure(result, 10, $"aiotools: no process with id {int.MaxValue}");
    }

    [Fact]
    public void Blocking_NotADotNetProcess_ExitsWith11()
    {
        using var sleep = PlainProcess.Sleep();

        var result = Aiotools.Run("blocking", "-p", sleep.ProcessIdArgument);

        AssertOneLineFailure(result, 11, $"aiotools: process {sleep.ProcessId} (sleep) is not a .NET process (no .NET runtime loaded, no diagnostics endpoint)");
    }

    [Fact]
    public void Blocking_DotNet8Target_ExitsWith12()
    {
        using var target = TargetApp.StartOldRuntimeTarget();

        var result = Aiotools.Run("blocking", "-p", target.ProcessIdArgument);

        Assert.Equal(12, result.ExitCode);
        Assert.Matches(@"^aiotools: process \d+ \(AsyncIoTools\.OldRuntimeTarget\) runs \.NET 8\.0\.\d+, too old for 'blocking': it needs the WaitHandleWait events \(\.NET 9 and later\)\s*$", result.Error);
    }

    [Fact]
    public void Lag_DiagnosticsDisabled_ExitsWith13()
    {
        using var target = TargetApp.StartLagTarget("none", new Dictionary<string, string> { ["DOTNET_EnableDiagnostics"] = "0" });

        var result = Aiotools.Run("lag", "-p", target.ProcessIdArgument);

        AssertOneLineFailure(result, 13, $"aiotools: process {target.ProcessId} (AsyncIoTools.La) runs .NET with diagnostics disabled (DOTNET_EnableDiagnostics=0); restart it without that setting to attach");
    }

    [Fact]
    public void Lag_AnotherUsersProcess_ExitsWith14()
    {
        if (Aiotools.IsRoot)
        {
            // The endpoint is owner-only; root could open it anyway, so aiotools runs as nobody against our target.
            using var target = TargetApp.StartLagTarget("none");
            var result = Aiotools.Run(65534, "lag", "-p", target.ProcessIdArgument, "--duration", "1s");
            AssertOneLineFailure(result, 14, $"aiotools: permission denied on the diagnostics endpoint of process {target.ProcessId} (AsyncIoTools.La): it belongs to uid 0 and aiotools runs as uid 65534; run aiotools as that user or as root");
        }
        else
        {
            // Not root, there is no other user's .NET process to try: this one's own endpoint is never refused.
            using var target = TargetApp.StartLagTarget("none");
            var result = Aiotools.Run("lag", "-p", target.ProcessIdArgument, "--duration", "1s");
            Assert.NotEqual(14, result.ExitCode);
        }
    }

    [Fact]
    public void Lag_ProcessWhoseMapsAreClosedAndIsNotDotNet_ExitsWith11WithoutAdviceAboutUsers()
    {
        // Its maps and environment cannot be read (another user's, or it holds capabilities aiotools lacks, as an
        // init often does); its threads' names can, and none is the runtime's.
        using var sleep = PlainProcess.Sleep();
        var (processId, name, result) = Aiotools.IsRoot
            ? (sleep.ProcessId, "sleep", Aiotools.Run(65534, "lag", "-p", sleep.ProcessIdArgument, "--duration", "1s"))
            : (1, File.ReadAllText("/proc/1/comm").Trim(), Aiotools.Run("lag", "-p", "1", "--duration", "1s"));

        // A socket a dead runtime left under this process id (this machine's /tmp holds hundreds) is named, not trusted.
        var stale = DiagnosticEndpoint.Search(processId).Stale;
        Assert.True(result.ExitCode == 11, result.ToString());
        Assert.Equal(string.Empty, result.Output.Trim());
        var message = result.Error.Trim();
        Assert.StartsWith($"aiotools: process {processId} ({name}) is not a .NET process (no .NET runtime threads, no diagnostics endpoint", message, StringComparison.Ordinal);
        Assert.EndsWith(")", message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', message);
        if (stale.Count == 0)
        {
            Assert.EndsWith("no diagnostics endpoint)", message, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(stale, path => message.Contains($"; {path} ", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Lag_ThreadIdOfADotNetProcess_ExitsWith10NamingTheProcess()
    {
        using var target = TargetApp.StartLagTarget("none");
        var threadId = Directory.GetDirectories($"/proc/{target.ProcessId}/task")
            .Select(task => int.Parse(Path.GetFileName(task), System.Globalization.CultureInfo.InvariantCulture))
            .First(id => id != target.ProcessId);

        var result = Aiotools.Run("lag", "-p", threadId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--duration", "1s");

        AssertOneLineFailure(result, 10, $"aiotools: no process with id {threadId}: it is a thread of process {target.ProcessId} (AsyncIoTools.La); give --process-id {target.ProcessId}");
    }

    [Fact]
    public async Task Lag_Zombie_ExitsWith15()
    {
        using var parent = PlainProcess.WithZombieChild(out var zombieId);
        await Eventually.UntilAsync(() => ProcFs.State(zombieId) == 'Z', $"process {zombieId} to become a zombie");

        var result = Aiotools.Run("lag", "-p", zombieId.ToString(System.Globalization.CultureInfo.InvariantCulture), "--duration", "1s");

        AssertOneLineFailure(result, 15, $"aiotools: process {zombieId} (sh) has exited: it is a zombie its parent has not reaped yet, and nothing of it is left to attach to");
    }

    [Fact]
    public void Lag_TargetExitsDuringTheSession_PrintsTheReportAndExitsWith15()
    {
        // The target quits when told, once aiotools has attached and measured: a timer in the target (2.5 s) raced
        // aiotools' own start, and on a loaded CI machine the target was already going when aiotools looked (exit 11).
        using var target = TargetApp.StartLagTarget("none");
        using var lag = Aiotools.Start(out var output, out var error, "lag", "-p", target.ProcessIdArgument, "--duration", "60s");
        Eventually.Until(() => Aiotools.Read(output), o => o.Contains("\n0-1s", StringComparison.Ordinal) || lag.HasExited, "lag's first interval", TimeSpan.FromSeconds(60));

        Assert.True(Aiotools.Read(output).Contains("\n0-1s", StringComparison.Ordinal), $"aiotools measured no interval:\n{Aiotools.Read(output)}\n{Aiotools.Read(error)}");
        target.Ask("quit");
        TestProcesses.AwaitExit(lag, TimeSpan.FromSeconds(60), "lag, its target gone,", error);

        Assert.Equal(15, lag.ExitCode);
        Assert.Contains("Summary over", Aiotools.Read(output), StringComparison.Ordinal);
        Assert.Contains("aiotools: the target exited during the session; the report above covers what was measured until then", Aiotools.Read(error), StringComparison.Ordinal);
    }

    [Fact]
    public void Lag_ThresholdCrossed_ExitsWith20()
    {
        using var target = TargetApp.StartLagTarget("heavy-sleep");

        var result = Aiotools.Run("lag", "-p", target.ProcessIdArgument, "--duration", "2s", "--threshold", "1ms");

        Assert.Equal(20, result.ExitCode);
        Assert.Contains("Threshold 1 ms: EXCEEDED", result.Output, StringComparison.Ordinal);
        Assert.Contains("aiotools: the threshold was exceeded", result.Error, StringComparison.Ordinal);
    }

    private static void AssertOneLineFailure(CommandResult result, int exitCode, string message)
    {
        Assert.True(exitCode == result.ExitCode, result.ToString());
        Assert.Equal(message, result.Error.Trim());
        Assert.Equal(string.Empty, result.Output.Trim());
    }
}
