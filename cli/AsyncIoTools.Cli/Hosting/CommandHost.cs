using System.CommandLine;
using System.Runtime.InteropServices;
using AsyncIoTools.Failures;

namespace AsyncIoTools.Cli.Hosting;

/// <summary>
/// Runs a parsed command line: usage errors as one line and exit code 2, expected failures
/// (<see cref="AsyncIoToolsException"/>) as one line and their own exit code, Ctrl+C, SIGTERM and SIGQUIT as one
/// cancellation token, and anything else as an internal error with a request to report it.
/// </summary>
public static class CommandHost
{
    public static async Task<int> RunAsync(RootCommand root, string[] args, TextWriter? error = null)
    {
        ArgumentNullException.ThrowIfNull(root);
        error ??= Console.Error;
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await error.WriteLineAsync($"aiotools: {parseError.Message}");
            }

            await error.WriteLineAsync("Run 'aiotools --help' (or 'aiotools COMMAND --help') for usage.");
            return (int)ExitCode.Usage;
        }

        using var cancellation = new CancellationTokenSource();
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => Cancel(c, cancellation));
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => Cancel(c, cancellation));
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, c => Cancel(c, cancellation));
        try
        {
            var configuration = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
            return await parseResult.InvokeAsync(configuration, cancellation.Token);
        }
        catch (AsyncIoToolsException e)
        {
            await error.WriteLineAsync($"aiotools: {e.MessageFor(OptionSpelling.Of)}");
            return (int)ExitCodes.For(e.Kind);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await error.WriteLineAsync("aiotools: canceled");
            return (int)ExitCode.Canceled;
        }
#pragma warning disable CA1031 // The last line of defence: a bug is reported, never shown as a bare crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync($"aiotools: internal error: {e.GetType().Name}: {e.Message}");
            await error.WriteLineAsync("This is a bug; please report it with the command line. Details follow.");
            await error.WriteLineAsync(e.ToString());
            return (int)ExitCode.InternalError;
        }
    }

    private static void Cancel(PosixSignalContext context, CancellationTokenSource cancellation)
    {
        // Keep the process alive: the running command stops cleanly and reports what it has.
        context.Cancel = true;
        cancellation.Cancel();
    }
}
