using System.Diagnostics;
using System.Net;
using AsyncIoTools.Engines.Contract;
using AsyncIoTools.Failures;
using AsyncIoTools.Processes;

namespace AsyncIoTools.Engines.Hosting;

/// <summary>
/// A server engine running in a child <c>aiotools serve --control</c> process: the runner reads its CPU and
/// memory from /proc and its counters over the control channel (stdin/stdout). Closing stdin stops it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly StderrCapture _errors;
    private readonly SemaphoreSlim _control = new(1, 1);

    private ServerProcess(Process process, IPEndPoint endPoint)
    {
        _process = process;
        _errors = StderrCapture.Of(process);
        EndPoint = endPoint;
    }

    public int ProcessId => _process.Id;

    /// <summary>Where the server listens, from its "listening on" line.</summary>
    public IPEndPoint EndPoint { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>The server's exit code once it has exited: 0 after a clean stop.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Completes when the process exits, for whatever reason.</summary>
    public Task Exited => _process.WaitForExitAsync();

    /// <summary>What the server wrote on stderr so far (its failure message, if it failed).</summary>
    public string StandardError => _errors.Text;

    public static async Task<ServerProcess> StartAsync(ServerLaunch launch, ServerSettings settings, IReadOnlyList<int>? cpus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ServeSettings.Table.Validate(new ServeOptions { Server = settings, Host = new ServerHostOptions { Cpus = cpus } });
        var start = new ProcessStartInfo(launch.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in launch.PrefixArguments.Concat(ServeArguments.For(settings, cpus, control: true)))
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in launch.EnvironmentVariables ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new AsyncIoToolsException(FailureKind.RunFailed, $"could not start {launch.FileName}");
        var server = new ServerProcess(process, new IPEndPoint(IPAddress.None, 0));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.StartsWith(ServerControl.ListeningPrefix, StringComparison.Ordinal)
                    && IPEndPoint.TryParse(line[ServerControl.ListeningPrefix.Length..], out var endPoint))
                {
                    server.EndPoint = endPoint;
                    return server;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await server.KillAsync();
            throw new AsyncIoToolsException(FailureKind.RunFailed, $"the {settings.Engine} server did not start listening within {StartTimeout.TotalSeconds:0} s");
        }

        await process.WaitForExitAsync(CancellationToken.None);
        var message = server.StandardError;
        var kind = process.ExitCode switch
        {
            3 => FailureKind.EngineUnavailable,
            4 => FailureKind.LimitTooLow,
            5 => FailureKind.AddressInUse,
            2 => FailureKind.Usage,
            _ => FailureKind.RunFailed,
        };
        throw message.Length > 0
            ? ChildFailure.From(kind, message.Replace("aiotools: ", string.Empty, StringComparison.Ordinal).Trim())
            : new AsyncIoToolsException(kind, $"the server exited with code {process.ExitCode} before listening");
    }

    /// <summary>The engine's counters, asked over the control channel.</summary>
    public async Task<EngineCounters> ReadCountersAsync(CancellationToken cancellationToken) =>
        Parse(await AskAsync(ServerControl.CountersCommand, ServerControl.CountersPrefix, cancellationToken), ServerControl.ParseCounters);

    /// <summary>The handles (Windows) or descriptors (Linux) the server counts itself holding, asked over the control channel.</summary>
    public async Task<int> ReadOpenHandlesAsync(CancellationToken cancellationToken) =>
        Parse(await AskAsync(ServerControl.HandlesCommand, ServerControl.HandlesPrefix, cancellationToken), ServerControl.ParseHandles);

    /// <summary>The threads the server counts itself running, asked over the control channel.</summary>
    public async Task<int> ReadThreadsAsync(CancellationToken cancellationToken) =>
        Parse(await AskAsync(ServerControl.ThreadsCommand, ServerControl.ThreadsPrefix, cancellationToken), ServerControl.ParseThreads);

    /// <summary>
    /// An answer, parsed. A server killed while writing one leaves it cut short as its last line (the reader hands
    /// back what it has at the end of the stream): that is the server's exit, said as such, not a malformed answer.
    /// </summary>
    private T Parse<T>(string line, Func<string, T> parse)
    {
        try
        {
            return parse(line);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or OverflowException)
        {
            if (_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                throw ExitedDuringRun();
            }

            throw;
        }
    }

    private async Task<string> AskAsync(string command, string answerPrefix, CancellationToken cancellationToken)
    {
        await _control.WaitAsync(cancellationToken);
        try
        {
            await _process.StandardInput.WriteLineAsync(command);
            await _process.StandardInput.FlushAsync(cancellationToken);
            while (await _process.StandardOutput.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.StartsWith(answerPrefix, StringComparison.Ordinal))
                {
                    return line;
                }
            }

            throw ExitedDuringRun();
        }
        catch (IOException)
        {
            // A server killed outright (kill -9) breaks the pipe our command goes down.
            throw ExitedDuringRun();
        }
        finally
        {
            _control.Release();
        }
    }

    /// <summary>The server process alone (not its workers), its open descriptors counted.</summary>
    public ProcessSnapshot SnapshotWithDescriptors()
    {
        try
        {
            return ProcessSnapshot.ReadWithDescriptors(ProcessId);
        }
        catch (ProcessGoneException)
        {
            throw ExitedDuringRun();
        }
    }

    /// <summary>
    /// The result of <paramref name="work"/> done against this server (a trial's load), or the one-line failure of a
    /// server that exited first (kill -9) as soon as it did, rather than once the work gives up.
    /// </summary>
    public async Task<T> UnlessItExitsAsync<T>(Task<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (await Task.WhenAny(work, Exited) != work)
        {
            _ = work.ContinueWith(static t => t.Exception, TaskScheduler.Default); // Whatever it ends with is no longer news.
            throw ExitedDuringRun();
        }

        return await work;
    }

    /// <summary>The failure for a server that went away mid-run, with how it ended and what it said.</summary>
    private AsyncIoToolsException ExitedDuringRun()
    {
        var ended = _process.WaitForExit(TimeSpan.FromSeconds(5))
            ? _process.ExitCode > 128 && !OperatingSystem.IsWindows() ? $"killed by signal {_process.ExitCode - 128}" : $"exit code {_process.ExitCode}"
            : "its control channel closed";
        var said = StandardError.Trim();
        return new AsyncIoToolsException(FailureKind.RunFailed, $"the server (process {ProcessId}) exited during the run ({ended}){(said.Length > 0 ? ": " + said : string.Empty)}");
    }

    /// <summary>The server and its worker processes together.</summary>
    public ProcessSnapshot SnapshotTree()
    {
        try
        {
            return ProcessSnapshot.ReadTree(ProcessId);
        }
        catch (ProcessGoneException)
        {
            throw ExitedDuringRun(); // Whichever step of a run first notices, the failure names how the server ended.
        }
    }

    /// <summary>Closes the control channel (the server stops) and waits; kills it if it does not stop in time.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            await KillAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(10));
        _process.Dispose();
        _control.Dispose();
    }

    private async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(CancellationToken.None);
        }
    }
}
