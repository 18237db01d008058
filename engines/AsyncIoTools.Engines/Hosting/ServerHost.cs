using AsyncIoTools.Processes;
using System.Globalization;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.EventLoop;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Failures;
using AsyncIoTools.Engines.Sockets;

namespace AsyncIoTools.Engines.Hosting;

/// <summary>
/// Runs one server until it is canceled, its control input ends, or it fails: raises the open-files limit,
/// pins, starts the engine (or N worker processes sharing the port, as nginx's workers do), announces
/// <c>listening on ADDRESS</c>, answers control commands, and stops cleanly.
/// </summary>
public static class ServerHost
{
    private static readonly TimeSpan WorkerStopTimeout = TimeSpan.FromSeconds(30);

    public static async Task<EngineCounters> RunAsync(
        ServerSettings settings,
        ServerHostOptions host,
        TextWriter output,
        TextReader? control,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(output);
        ServeSettings.Table.Validate(new ServeOptions { Server = settings, Host = host });
        if (settings.Workers > 1)
        {
            return await RunWorkersAsync(settings, host, output, control, cancellationToken);
        }

        // Every connection is a descriptor: take all the process may have (the hard limit needs privileges).
        // Windows has no such limit on handles.
        if (!OperatingSystem.IsWindows())
        {
            ResourceLimits.RaiseOpenFilesToHard();
        }

        if (host.Cpus is { Count: > 0 } cpus)
        {
            Pin(cpus);
        }

        await using var engine = EngineRegistry.Default.Create(settings);
        engine.Start();
        await AnnounceAsync(output, engine.LocalEndPoint.ToString(), cancellationToken);
        await ServeUntilStoppedAsync(host, output, control, () => Task.FromResult(engine.ReadCounters()), engine.Completion, cancellationToken);
        await engine.StopAsync();
        if (engine.Completion.IsFaulted)
        {
            var reason = engine.Completion.Exception?.InnerException?.Message ?? "unknown";
            throw new AsyncIoToolsException(FailureKind.RunFailed, $"the {engine.Name} server failed: {reason}");
        }

        return engine.ReadCounters();
    }

    /// <summary>
    /// N child servers on one port: the first picks the port, the others join it with SO_REUSEPORT, and the kernel
    /// spreads connections over them. Each worker holds its own descriptors, so together they go past one
    /// process's RLIMIT_NOFILE. Counters are the workers' summed; a worker that dies stops them all.
    /// </summary>
    private static async Task<EngineCounters> RunWorkersAsync(
        ServerSettings settings,
        ServerHostOptions host,
        TextWriter output,
        TextReader? control,
        CancellationToken cancellationToken)
    {
        EngineRegistry.Default.Resolve(settings.Engine, settings.Variant);
        if (OperatingSystem.IsWindows())
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"worker processes ({Setting.Workers}) share one port with SO_REUSEPORT, which Windows does not have; run one server with more {Setting.Loops} instead");
        }

        if (settings.Endpoint.Port != 0)
        {
            Listeners.EnsureFree(settings);
        }

        var launch = ServerLaunch.Locate();
        var worker = settings with { Workers = 1, SharePort = true };
        var workers = new List<ServerProcess>();
        try
        {
            workers.Add(await ServerProcess.StartAsync(launch, worker, host.Cpus, cancellationToken));
            worker = worker with { Endpoint = workers[0].EndPoint };
            for (var i = 1; i < settings.Workers; i++)
            {
                workers.Add(await ServerProcess.StartAsync(launch, worker, host.Cpus, cancellationToken));
            }

            await AnnounceAsync(output, workers[0].EndPoint.ToString(), cancellationToken);
            var anyExited = Task.WhenAny(workers.Select(w => w.Exited));
            await ServeUntilStoppedAsync(host, output, control, () => SumAsync(workers), anyExited, cancellationToken);
            if (workers.FirstOrDefault(w => w.HasExited) is { } dead)
            {
                throw new AsyncIoToolsException(FailureKind.RunFailed, $"worker {workers.IndexOf(dead) + 1} of {workers.Count} exited: {dead.StandardError}");
            }

            return await SumAsync(workers);
        }
        finally
        {
            await Task.WhenAll(workers.Select(w => w.StopAsync(WorkerStopTimeout)));
            foreach (var w in workers)
            {
                await w.DisposeAsync();
            }
        }
    }

    private static async Task<EngineCounters> SumAsync(IReadOnlyList<ServerProcess> workers) =>
        EngineCounters.Sum(await Task.WhenAll(workers.Where(w => !w.HasExited).Select(w => w.ReadCountersAsync(CancellationToken.None))));

    private static async Task AnnounceAsync(TextWriter output, string endPoint, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync(ServerControl.ListeningPrefix + endPoint);
        await output.FlushAsync(cancellationToken);
    }

    /// <summary>Serves until canceled, the control input ends, or <paramref name="failed"/> completes.</summary>
    private static async Task ServeUntilStoppedAsync(
        ServerHostOptions host,
        TextWriter output,
        TextReader? control,
        Func<Task<EngineCounters>> counters,
        Task failed,
        CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var controlLoop = host.Control && control is not null
            ? AnswerControlAsync(counters, control, output, stop)
            : Task.CompletedTask;
        await Task.WhenAny(failed, Task.Delay(Timeout.Infinite, stop.Token));
        await stop.CancelAsync();
        await controlLoop.ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    private static void Pin(IReadOnlyList<int> cpus)
    {
        // The inherited mask may be narrower than what the cpuset allows (a runner pins itself before starting
        // us), so try the mask asked for rather than checking it against the one we were born with.
        try
        {
            if (OperatingSystem.IsWindows())
            {
                CpuAffinity.PinCurrentProcess(cpus.ToArray());
            }
            else
            {
                CpuAffinity.PinProcess(Environment.ProcessId, cpus.ToArray());
            }
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"cannot pin to CPU {string.Join(",", cpus)}: CPU {e.ActualValue} is out of range");
        }
        catch (SystemCallException e)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"cannot pin to CPU {string.Join(",", cpus)}: {e.Message}");
        }
    }

    private static async Task AnswerControlAsync(Func<Task<EngineCounters>> counters, TextReader control, TextWriter output, CancellationTokenSource stop)
    {
        try
        {
            while (await control.ReadLineAsync(stop.Token) is { } line)
            {
                switch (line.Trim().ToLowerInvariant())
                {
                    case ServerControl.CountersCommand:
                        await output.WriteLineAsync(ServerControl.FormatCounters(await counters()));
                        await output.FlushAsync(stop.Token);
                        break;
                    case ServerControl.HandlesCommand:
                        await output.WriteLineAsync(ServerControl.FormatHandles(ProcessHandles.CountOpen()));
                        await output.FlushAsync(stop.Token);
                        break;
                    case ServerControl.ThreadsCommand:
                        using (var self = System.Diagnostics.Process.GetCurrentProcess())
                        {
                            await output.WriteLineAsync(ServerControl.FormatThreads(self.Threads.Count - ThreadPool.ThreadCount));
                        }

                        await output.FlushAsync(stop.Token);
                        break;
                    case ServerControl.StopCommand:
                        return;
                    case "":
                        break;
                    default:
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"error unknown control command '{line}'"));
                        break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The server is stopping for another reason.
        }
        finally
        {
            // The runner closed our input or asked us to stop: never outlive it.
            await stop.CancelAsync();
        }
    }
}
