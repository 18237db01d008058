using System.Globalization;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Engines.Interop;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Engines.Hosting;

/// <summary>
/// Runs one server until it is canceled, its control input ends, or a loop fails: raises the open-files limit,
/// pins, starts the engine, announces <c>listening on ADDRESS</c>, answers control commands, and stops cleanly.
/// </summary>
public static class ServerHost
{
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
        await output.WriteLineAsync(ServerControl.ListeningPrefix + engine.LocalEndPoint.ToString());
        await output.FlushAsync(cancellationToken);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var controlLoop = host.Control && control is not null
            ? AnswerControlAsync(engine, control, output, stop)
            : Task.CompletedTask;
        var stopped = Task.Delay(Timeout.Infinite, stop.Token);
        await Task.WhenAny(engine.Completion, stopped);
        await engine.StopAsync();
        await stop.CancelAsync();
        await controlLoop.ContinueWith(static _ => { }, TaskScheduler.Default);

        if (engine.Completion.IsFaulted)
        {
            var reason = engine.Completion.Exception?.InnerException?.Message ?? "unknown";
            throw new AsyncIoToolsException(FailureKind.RunFailed, $"the {engine.Name} server failed: {reason}");
        }

        return engine.ReadCounters();
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
        catch (Exception e) when (e is ErrnoException or Win32ErrorException)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"cannot pin to CPU {string.Join(",", cpus)}: {e.Message}");
        }
    }

    private static async Task AnswerControlAsync(IServerEngine engine, TextReader control, TextWriter output, CancellationTokenSource stop)
    {
        try
        {
            while (await control.ReadLineAsync(stop.Token) is { } line)
            {
                switch (line.Trim().ToLowerInvariant())
                {
                    case ServerControl.CountersCommand:
                        await output.WriteLineAsync(ServerControl.FormatCounters(engine.ReadCounters()));
                        await output.FlushAsync(stop.Token);
                        break;
                    case ServerControl.HandlesCommand:
                        await output.WriteLineAsync(ServerControl.FormatHandles(ProcessHandles.CountOpen()));
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
