using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;
using AsyncIoTools.Processes;
using AsyncIoTools.Text;

namespace AsyncIoTools.Diagnostics.Hotspots;

/// <summary>
/// Takes a heap snapshot through the helper process (AsyncIoTools.HeapSnapshot), never in our own process, because
/// a ptrace hold must always be breakable:
/// <list type="bullet">
/// <item>ClrMD suspends the target with PTRACE_ATTACH and a waitpid per thread. When the target is our own child
/// (a PowerShell session or a test that started it), .NET's SIGCHLD handling calls waitpid on it too and can take
/// the stop meant for ClrMD, which then waits forever with the target's main thread stopped. The helper is never
/// the target's parent.</item>
/// <item>A ptrace hold belongs to the thread that attached; only its exit lets the target go. So a stuck attach or
/// walk, a timeout or Ctrl+C kills the helper. A thread whose attach stop nobody collected keeps that SIGSTOP when
/// its tracer dies, and then the whole target stops as a group: it is continued.</item>
/// </list>
/// </summary>
internal static class HeapSnapshotProcess
{
    public const string AssemblyName = "AsyncIoTools.HeapSnapshot";

    /// <summary>Suspending even a thousand threads takes milliseconds; past this the attach is stuck.</summary>
    public static readonly TimeSpan AttachTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long a killed tracer's stopped threads may take to enter the group stop we then continue.</summary>
    private static readonly TimeSpan ResumeWatch = TimeSpan.FromMilliseconds(500);

    /// <param name="onAttached">Called with the helper's process id once the target is suspended, before the walk (tests interrupt there).</param>
    public static async Task<HeapSnapshotOutcome> TakeAsync(DotNetTarget target, int top, TimeSpan timeout, Action<int>? onAttached, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var who = $"process {target.ProcessId} ({target.Name})";
        var stoppedBefore = ProcFs.State(target.ProcessId) == 'T';
        using var helper = Start(target, top, timeout, out var errors);
        var attached = false;
        var finished = false;
        try
        {
            var line = await NextLineAsync(helper, AttachTimeout, cancellationToken);
            if (line == HeapSnapshotWorker.AttachedLine)
            {
                attached = true;
                onAttached?.Invoke(helper.Id);
                line = await NextLineAsync(helper, timeout, cancellationToken);
            }

            if (line is null)
            {
                await helper.WaitForExitAsync(CancellationToken.None);
                throw new AsyncIoToolsException(FailureKind.RunFailed, $"the heap-snapshot helper exited with code {helper.ExitCode} before it could {Phase(attached)} {who}{Quoted(errors.Tail(3))}");
            }

            var outcome = JsonSerializer.Deserialize(line, HeapSnapshotJsonContext.Default.HeapSnapshotOutcome)
                ?? throw new AsyncIoToolsException(FailureKind.RunFailed, $"the heap-snapshot helper answered nothing readable for {who}");
            finished = true;
            return outcome.Failure is { } kind ? throw new AsyncIoToolsException(kind, outcome.Message ?? $"the heap snapshot of {who} failed") : outcome;
        }
        catch (TimeoutException)
        {
            var resumed = await StopAsync(helper, target.ProcessId, stoppedBefore);
            throw new AsyncIoToolsException(
                FailureKind.RunFailed,
                $"could not {Phase(attached)} {who} within {Durations.Format(attached ? timeout : AttachTimeout)}: the snapshot was stopped{(resumed ? " and the process continued" : string.Empty)}");
        }
        catch (JsonException e)
        {
            throw new AsyncIoToolsException(FailureKind.RunFailed, $"the heap-snapshot helper answered garbage for {who}: {e.Message}", e);
        }
        finally
        {
            if (!finished)
            {
                await StopAsync(helper, target.ProcessId, stoppedBefore);
            }
        }
    }

    private static string Phase(bool attached) => attached ? "walk the heap of" : "suspend";

    /// <summary>The helper beside this assembly: its apphost, or its assembly run by the dotnet host.</summary>
    public static ProcessStartInfo StartInfo(DotNetTarget target, int top, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(target);
        var directory = Path.GetDirectoryName(typeof(HeapSnapshotProcess).Assembly.Location) ?? AppContext.BaseDirectory;
        var (fileName, prefix) = DotnetHost.CommandFor(directory, AssemblyName)
            ?? throw new AsyncIoToolsException(FailureKind.RunFailed, $"cannot find the heap-snapshot helper {AssemblyName} in {directory}: reinstall or rebuild aiotools");
        var info = new ProcessStartInfo(fileName, prefix);
        foreach (var argument in (string[])[
            HeapSnapshotWorker.ProcessIdArgument, target.ProcessId.ToString(CultureInfo.InvariantCulture),
            HeapSnapshotWorker.TopArgument, top.ToString(CultureInfo.InvariantCulture),
            HeapSnapshotWorker.NameArgument, target.Name,
            HeapSnapshotWorker.TimeoutArgument, ((long)Math.Ceiling(Math.Min(timeout.TotalMilliseconds, int.MaxValue))).ToString(CultureInfo.InvariantCulture)])
        {
            info.ArgumentList.Add(argument);
        }

        // No diagnostic server in the helper: a .NET process removes its dotnet-diagnostic-PID-START-socket only at a
        // normal exit, and the helper is killed on every timeout and Ctrl+C. Nobody needs to diagnose the helper.
        info.Environment["DOTNET_EnableDiagnostics_IPC"] = "0";
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.RedirectStandardInput = true;
        info.UseShellExecute = false;
        return info;
    }

    private static Process Start(DotNetTarget target, int top, TimeSpan timeout, out StderrCapture errors)
    {
        var helper = new Process { StartInfo = StartInfo(target, top, timeout) };
        try
        {
            helper.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            helper.Dispose();
            throw new AsyncIoToolsException(FailureKind.RunFailed, $"cannot start the heap-snapshot helper ({helper.StartInfo.FileName}): {e.Message}", e);
        }

        errors = StderrCapture.Of(helper);
        return helper;
    }

    /// <summary>": line; line" or nothing.</summary>
    private static string Quoted(IReadOnlyList<string> lines) => lines.Count == 0 ? string.Empty : ": " + string.Join("; ", lines);

    /// <summary>The next line, or null at the end; TimeoutException past <paramref name="timeout"/>.</summary>
    private static Task<string?> NextLineAsync(Process helper, TimeSpan timeout, CancellationToken cancellationToken) =>
        helper.StandardOutput.ReadLineAsync(CancellationToken.None).AsTask().WaitAsync(timeout, cancellationToken);

    /// <summary>Kills the helper if it still runs, then continues the target if the dead tracer left it stopped.</summary>
    private static async Task<bool> StopAsync(Process helper, int processId, bool stoppedBefore)
    {
        if (helper.HasExited)
        {
            return false;
        }

        helper.Kill();
        await helper.WaitForExitAsync(CancellationToken.None);
        return !stoppedBefore && await ContinueIfStoppedAsync(processId);
    }

    private static async Task<bool> ContinueIfStoppedAsync(int processId)
    {
        var continued = false;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < ResumeWatch)
        {
            switch (ProcFs.State(processId))
            {
                case null:
                    return continued;
                case 'T':
                    continued |= ProcessSignals.Continue(processId);
                    break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(10), CancellationToken.None);
        }

        return continued;
    }

}
