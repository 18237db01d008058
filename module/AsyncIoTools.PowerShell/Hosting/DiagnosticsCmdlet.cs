using System.Globalization;
using System.Management.Automation;
using AsyncIoTools.Diagnostics.EventPipe;
using AsyncIoTools.Diagnostics.Targets;
using AsyncIoTools.Failures;

namespace AsyncIoTools.PowerShell.Hosting;

/// <summary>
/// What every diagnostics cmdlet shares besides the running process it names: an app observed from its first
/// instruction, either one that connects to a diagnostic port the cmdlet listens on (<c>-DiagnosticPort</c>, the
/// CLI's <c>--diagnostic-port</c>) or one the cmdlet starts (<c>-FilePath</c> and <c>-ArgumentList</c>, as
/// Start-Process takes them; the CLI's command after <c>--</c>).
/// </summary>
public abstract class DiagnosticsCmdlet : AsyncIoToolsCmdlet
{
    /// <summary>Listen on this Unix socket for an app started with DOTNET_DiagnosticPorts=PATH; with -FilePath, the port the app gets.</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.DiagnosticPort)]
    [Parameter(ParameterSetName = ParameterSets.Launch)]
    public string? DiagnosticPort { get; set; }

    /// <summary>The app to start on a diagnostic port and observe from its first instruction (a program on PATH or a path).</summary>
    [Parameter(Mandatory = true, ParameterSetName = ParameterSets.Launch)]
    public string? FilePath { get; set; }

    /// <summary>The app's arguments.</summary>
    [Parameter(ParameterSetName = ParameterSets.Launch)]
    public string[] ArgumentList { get; set; } = [];

    /// <summary>True when the target is an app on a diagnostic port (listened for or started), not a running process.</summary>
    protected bool OnDiagnosticPort => ParameterSetName is ParameterSets.DiagnosticPort or ParameterSets.Launch;

    /// <summary>The diagnostic port to listen on, resolved against the current location, or null.</summary>
    protected string? PortPath => DiagnosticPort is { } path ? FileSystemPath(path) : null;

    /// <summary>The program and its arguments to start, or null. A path is resolved against the current location; a bare name is looked up on PATH.</summary>
    protected IReadOnlyList<string>? LaunchCommand =>
        ParameterSetName == ParameterSets.Launch && FilePath is { } file
            ? [file.Contains('/', StringComparison.Ordinal) ? FileSystemPath(file) : file, .. ArgumentList]
            : null;

    /// <summary>Where a started app runs: the current file-system location (not the process's working folder).</summary>
    protected string? LaunchDirectory => ParameterSetName == ParameterSets.Launch ? SessionState.Path.CurrentFileSystemLocation.ProviderPath : null;

    /// <summary>What the error and progress lines call an app on a diagnostic port.</summary>
    protected string PortLabel => FilePath ?? DiagnosticPort ?? "?";

    /// <summary>
    /// The options (a <see cref="TargetOptions"/> record) with this cmdlet's diagnostic port or app to start, if it
    /// was given one. Not constrained to TargetOptions: a public type's generic constraint is loaded with the type, and
    /// PowerShell lists the module's types before the diagnostics assembly can be resolved (DependencyIsolation).
    /// </summary>
    protected T OnPort<T>(T options)
        where T : class =>
        (T)(object)WithPort((TargetOptions)(object)options);

    private TargetOptions WithPort(TargetOptions options) => options with { DiagnosticPort = PortPath, LaunchCommand = LaunchCommand, LaunchDirectory = LaunchDirectory };

    /// <summary>
    /// Listens on the port or starts the app, as the options say; a started app's output lines become verbose
    /// messages (this command's pipeline carries its results alone).
    /// </summary>
    protected Task<PortAttachment> OpenPortAsync(TargetOptions options, PipelineDispatcher dispatcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatcher);
        if (options?.LaunchCommand is null && options?.DiagnosticPort is { } port)
        {
            dispatcher.Post(() => WriteVerbose($"listening on {port}; start the app with DOTNET_DiagnosticPorts={port}"));
        }

        return PortAttachment.OpenAsync(options!, cancellationToken, line => dispatcher.Post(() => WriteVerbose(line)));
    }

    /// <summary>
    /// Runs a session on the target the options name: on a running process as it is, or on an app on a diagnostic
    /// port (listened for or started) once it has connected, <paramref name="connected"/> being told then (a timed
    /// session's clock starts there).
    /// </summary>
    protected async Task<T> AttachAsync<T>(
        TargetOptions options,
        PipelineDispatcher dispatcher,
        Func<CancellationToken, Task<T>> running,
        Func<PortAttachment, CancellationToken, Task<T>> fromStart,
        CancellationToken cancellationToken,
        Action? connected = null)
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(fromStart);
        if (!PortAttachment.IsRequested(options))
        {
            return await running(cancellationToken);
        }

        await using var port = await OpenPortAsync(options, dispatcher, cancellationToken);
        connected?.Invoke();
        return await fromStart(port, cancellationToken);
    }

    /// <summary>
    /// After a session's result was written: a target that exited during it is an error for this input (the CLI's
    /// exit code 15), the figures above covering what was measured until then. An app the cmdlet started that
    /// ends on its own ends the session normally.
    /// </summary>
    protected void ReportEnd(CaptureEnd end, string what, string label, bool launched = false)
    {
        if (end == CaptureEnd.TargetExited && !launched)
        {
            Fail(FailureKind.TargetExited, $"process {label} exited during the session; the {what} covers what was measured until then", label);
        }
    }

    /// <summary>A process id as error targets and progress lines show it.</summary>
    protected static string Label(int processId) => processId.ToString(CultureInfo.InvariantCulture);
}
