using System.Diagnostics;
using System.Globalization;
using AsyncIoTools.Failures;
using Microsoft.Diagnostics.NETCore.Client;

namespace AsyncIoTools.Diagnostics.Targets;

/// <summary>
/// A runtime that connected to a diagnostic port we listen on, held at its start (as dotnet-counters and
/// dotnet-trace do): the app runs with <c>DOTNET_DiagnosticPorts=PATH</c> (suspending by default), connects to
/// PATH, and waits until a session is set up and <see cref="Resume"/> is called, so nothing of its startup is
/// missed. Either the user starts the app (<see cref="ListenAsync"/>, <c>--diagnostic-port PATH</c>; the app may run
/// in another mount namespace, e.g. a container, that shares only the socket's folder) or we start it
/// (<see cref="LaunchAsync"/>, <c>aiotools lag -- dotnet app.dll</c>).
/// </summary>
public sealed class PortAttachment : IAsyncDisposable
{
    private readonly DiagnosticsClientConnector _connector;
    private readonly string? _ownedFolder;
    private readonly Process? _launched;
    private bool _resumed;

    private PortAttachment(DiagnosticsClientConnector connector, DotNetTarget target, Process? launched, string? ownedFolder)
    {
        _connector = connector;
        Target = target;
        _launched = launched;
        _ownedFolder = ownedFolder;
    }

    /// <summary>Who connected. Its id is 0 when it could not be told before the session (the first event tells it).</summary>
    public DotNetTarget Target { get; private set; }

    public DiagnosticsClient Client => _connector.Instance;

    /// <summary>The app we started, or null when the user started it.</summary>
    public Process? Launched => _launched;

    /// <summary>Whether the options ask for a diagnostic port or a launch rather than a running process.</summary>
    public static bool IsRequested(TargetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.DiagnosticPort is not null || options.LaunchCommand is { Count: > 0 };
    }

    /// <summary>Listens on the port (or launches the app on one of ours) as the options say.</summary>
    /// <param name="appOutput">Takes each line a launched app writes (standard output and error); null: they go to our standard error.</param>
    public static Task<PortAttachment> OpenAsync(TargetOptions options, CancellationToken cancellationToken, Action<string>? appOutput = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.NamesRunningProcesses)
        {
            throw AsyncIoToolsException.ForSettings(FailureKind.Usage, $"give a process ({Setting.ProcessId}, {Setting.Name}) or a diagnostic port ({Setting.DiagnosticPort}, or an app to start), not both");
        }

        return options.LaunchCommand is { Count: > 0 } command
            ? LaunchAsync(command, options.DiagnosticPort, cancellationToken, appOutput, options.LaunchDirectory)
            : ListenAsync(options.DiagnosticPort!, cancellationToken);
    }

    /// <summary>Listens on <paramref name="path"/> until a runtime connects; the caller starts its session, then resumes it.</summary>
    public static async Task<PortAttachment> ListenAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (File.Exists(full))
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"{path} already exists; give a path where aiotools can create the diagnostic port's socket");
        }

        if (!Directory.Exists(Path.GetDirectoryName(full)))
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"the folder of {path} does not exist");
        }

        var connector = await ConnectAsync(full, cancellationToken);
        var processId = FindProcessId(full);
        return new PortAttachment(connector, Describe(processId, full), null, null);
    }

    /// <summary>Starts <paramref name="command"/> with a diagnostic port of ours (or <paramref name="path"/>) and waits for it to connect.</summary>
    /// <param name="appOutput">Takes each line the app writes; null: its output is copied to our standard error.</param>
    /// <param name="workingDirectory">Where the app runs; null: our working folder.</param>
    public static async Task<PortAttachment> LaunchAsync(IReadOnlyList<string> command, string? path, CancellationToken cancellationToken, Action<string>? appOutput = null, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        var folder = path is null ? Directory.CreateTempSubdirectory("aiotools-port-").FullName : null;
        var socket = path is null ? Path.Combine(folder!, "port.sock") : Path.GetFullPath(path);
        var start = new ProcessStartInfo(command[0]) { UseShellExecute = false, RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? string.Empty };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_DiagnosticPorts"] = socket;
        var connecting = ConnectAsync(socket, cancellationToken);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new AsyncIoToolsException(FailureKind.RunFailed, $"could not start {command[0]}");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"cannot start '{command[0]}': {e.Message}", e);
        }

        // The app's own output goes to our standard error (or to the caller, line by line), so that a report on
        // standard output stays readable.
        if (appOutput is null)
        {
            _ = process.StandardOutput.BaseStream.CopyToAsync(Console.OpenStandardError(), CancellationToken.None);
            _ = process.StandardError.BaseStream.CopyToAsync(Console.OpenStandardError(), CancellationToken.None);
        }
        else
        {
            _ = ForwardLinesAsync(process.StandardOutput, appOutput);
            _ = ForwardLinesAsync(process.StandardError, appOutput);
        }
        var exited = process.WaitForExitAsync(cancellationToken);
        if (await Task.WhenAny(connecting, exited) != connecting)
        {
            throw new AsyncIoToolsException(FailureKind.TargetExited, $"'{command[0]}' exited (code {(process.HasExited ? process.ExitCode : -1)}) before its runtime connected to the diagnostic port; is it a .NET 5+ app?");
        }

        return new PortAttachment(await connecting, Describe(process.Id, socket), process, folder);
    }

    /// <summary>Lets the runtime run (once the session is set up); the app's startup is then observed from its first instruction.</summary>
    public void Resume()
    {
        if (!_resumed)
        {
            Client.ResumeRuntime();
            _resumed = true;
        }
    }

    /// <summary>The process id, learnt from the first event when it could not be told at connection.</summary>
    public DotNetTarget Learn(int processId)
    {
        if (Target.ProcessId == 0 && processId > 0)
        {
            Target = Describe(processId, Target.EndpointPath);
        }

        return Target;
    }

    public async ValueTask DisposeAsync()
    {
        Resume();
        await _connector.DisposeAsync();
        if (_launched is { HasExited: false })
        {
            // Ours to end, as dotnet-trace ends what it launched: first asked, then told.
            _launched.StandardInput.Close();
            if (!_launched.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                _launched.Kill(entireProcessTree: true);
                _launched.WaitForExit(TimeSpan.FromSeconds(5));
            }
        }

        _launched?.Dispose();
        if (_ownedFolder is not null)
        {
            Directory.Delete(_ownedFolder, recursive: true);
        }
    }

    private static async Task ForwardLinesAsync(StreamReader reader, Action<string> appOutput)
    {
        try
        {
            while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
            {
                appOutput(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The app went away, or we ended it.
        }
    }

    private static async Task<DiagnosticsClientConnector> ConnectAsync(string socket, CancellationToken cancellationToken)
    {
        try
        {
            return await DiagnosticsClientConnector.FromDiagnosticPort(socket + ",listen", cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Net.Sockets.SocketException)
        {
            throw new AsyncIoToolsException(FailureKind.Usage, $"cannot listen on {socket}: {e.Message}", e);
        }
    }

    /// <summary>
    /// The process whose DOTNET_DiagnosticPorts names a socket of this file name (the path may differ in its mount
    /// namespace); 0 when none or several do.
    /// </summary>
    private static int FindProcessId(string socket)
    {
        var name = Path.GetFileName(socket);
        var found = ProcFs.ProcessIds()
            .Where(id => id != Environment.ProcessId && ProcFs.Environment(id) is { } environment
                && environment.TryGetValue("DOTNET_DiagnosticPorts", out var ports)
                && ports.Split(';').Any(p => Path.GetFileName(p.Split(',')[0]) == name))
            .Take(2)
            .ToList();
        return found.Count == 1 ? found[0] : 0;
    }

    private static DotNetTarget Describe(int processId, string socket)
    {
        var name = processId > 0 ? ProcFs.Name(processId) : "?";
        var version = processId > 0 && ProcFs.RuntimeVersion(processId) is { } v ? v : "?";
        var runtime = new RuntimeInfo(processId, string.Empty, "Linux", string.Empty, name, version);
        return new DotNetTarget(processId, name, socket, runtime);
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"diagnostic port {Target.EndpointPath} (process {Target.ProcessId})");
}
