using System.Management.Automation;
using System.Reflection;
using AsyncIoTools.Failures;
using AsyncIoTools.PowerShell.Loading;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>
/// What every AsyncIoTools cmdlet shares: one cancellation for Ctrl+C (<see cref="StopProcessing"/>), long work
/// run off the pipeline thread while this thread writes what it reports, expected failures as ErrorRecords, and
/// paths resolved against PowerShell's current location (not the process's).
/// </summary>
public abstract class AsyncIoToolsCmdlet : PSCmdlet, IDisposable
{
    private static readonly TimeSpan ProgressTick = TimeSpan.FromMilliseconds(500);

    /// <summary>How long a stopped run may wind down by itself before the processes it started are ended.</summary>
    private static readonly TimeSpan StopGrace = TimeSpan.FromMilliseconds(750);

    private readonly CancellationTokenSource _stopping = new();
    private volatile StartedProcesses? _started;
    private string? _activity;

    /// <summary>The id of this command's progress bar.</summary>
    protected int ProgressId { get; } = Math.Abs(Environment.TickCount % 10_000) + 1;

    /// <summary>What this command's progress bar is titled: its name, as its [Cmdlet] attribute gives it.</summary>
    private string Activity => _activity ??= GetType().GetCustomAttribute<CmdletAttribute>() is { } cmdlet ? $"{cmdlet.VerbName}-{cmdlet.NounName}" : GetType().Name;

    public void Dispose()
    {
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Ctrl+C: cancels the running work, which stops its servers and load processes; what it has not stopped after
    /// <see cref="StopGrace"/> (a server closing tens of thousands of connections, shards winding down one by one) is
    /// killed, so the prompt comes back within about a second and no aiotools process is left behind.
    /// </summary>
    protected override void StopProcessing()
    {
        _stopping.Cancel();
        _ = Task.Delay(StopGrace).ContinueWith(_ => _started?.EndNew(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>
    /// Runs <paramref name="operation"/> off the pipeline thread. Whatever it posts to the dispatcher (progress,
    /// streamed objects) runs here, in order; <paramref name="onIdle"/> runs here twice a second while it works
    /// (time-based progress). An expected failure becomes an ErrorRecord (terminating for a usage mistake); the
    /// result is then default and <paramref name="succeeded"/> false.
    /// </summary>
    protected T? Run<T>(Func<PipelineDispatcher, CancellationToken, Task<T>> operation, object? target, out bool succeeded, Action? onIdle = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        succeeded = false;
        _started = new StartedProcesses(Path.Combine(ModuleFolders.Root, ModuleFolders.Cli));
        using var dispatcher = new PipelineDispatcher();
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        var work = Task.Run(() => operation(dispatcher, cancellation.Token), cancellation.Token);
        try
        {
            dispatcher.RunUntil(work, ProgressTick, onIdle);
        }
        catch
        {
            // A write failed (the pipeline is stopping, or a downstream Select-Object -First is satisfied):
            // stop the work and let it finish cleanly (sessions closed, servers stopped) before passing it on.
            cancellation.Cancel();
            ((IAsyncResult)work).AsyncWaitHandle.WaitOne();
            throw;
        }
        finally
        {
            _started = null;
        }

        try
        {
            var result = work.GetAwaiter().GetResult();
            if (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }

            succeeded = true;
            return result;
        }
        catch (AsyncIoToolsException failure)
        {
            Fail(failure, target);
            return default;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Reports an expected failure: terminating for a usage mistake, otherwise for this input only.</summary>
    protected void Fail(AsyncIoToolsException failure, object? target)
    {
        ArgumentNullException.ThrowIfNull(failure);
        var record = ErrorRecords.From(failure, target);
        if (FailureCategories.IsTerminating(failure.Kind))
        {
            ThrowTerminatingError(record);
        }

        WriteError(record);
    }

    protected void Fail(FailureKind kind, string message, object? target) => Fail(new AsyncIoToolsException(kind, message), target);

    /// <summary>True when the caller gave the parameter (a value left out keeps the core's or the scenario's default).</summary>
    protected bool IsBound(string parameterName) => MyInvocation.BoundParameters.ContainsKey(parameterName);

    /// <summary>The value when the caller gave the parameter, else null.</summary>
    protected TValue? IfBound<TValue>(string parameterName, TValue value)
        where TValue : struct => IsBound(parameterName) ? value : null;

    /// <summary>A path to write or to hand to the core, resolved against the current location; it need not exist.</summary>
    protected string FileSystemPath(string path) => SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);

    /// <summary>Existing file-system paths matching <paramref name="pattern"/> (wildcards expanded); none found is an error for that pattern.</summary>
    protected IReadOnlyList<string> ResolvePaths(string pattern, bool literal)
    {
        if (literal)
        {
            var path = FileSystemPath(pattern);
            if (!File.Exists(path) && !Directory.Exists(path))
            {
                Fail(FailureKind.BadInput, $"{pattern}: no such file or folder", pattern);
                return [];
            }

            return [path];
        }

        try
        {
            var resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(pattern, out var provider);
            if (provider.Name != "FileSystem")
            {
                Fail(FailureKind.BadInput, $"{pattern}: not a file-system path", pattern);
                return [];
            }

            return resolved;
        }
        catch (ItemNotFoundException)
        {
            Fail(FailureKind.BadInput, $"{pattern}: no such file or folder", pattern);
            return [];
        }
    }

    /// <summary>Shows this command's progress bar line, under the command's name.</summary>
    protected void ShowProgress(string status, int percent = -1)
    {
        WriteProgress(new ProgressRecord(ProgressId, Activity, status) { PercentComplete = Math.Clamp(percent, -1, 100) });
    }

    protected void CompleteProgress()
    {
        WriteProgress(new ProgressRecord(ProgressId, Activity, "done") { RecordType = ProgressRecordType.Completed });
    }
}
