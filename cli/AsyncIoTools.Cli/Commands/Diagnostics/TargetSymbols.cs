using System.CommandLine;
using AsyncIoTools.Diagnostics.Targets;

namespace AsyncIoTools.Cli.Commands.Diagnostics;

/// <summary>
/// The target of a command that observes one process: <c>--process-id</c> or <c>--name</c>, or an app from its first
/// instruction (<c>--diagnostic-port</c>, a command after <c>--</c>). Bound onto the verb's options and attached to
/// one way for every such command, as the module's SingleTargetCmdlet does for the cmdlets.
/// </summary>
public sealed class TargetSymbols
{
    public Option<int?> ProcessId { get; } = DiagnosticsOptions.ProcessId();

    public Option<string?> Name { get; } = DiagnosticsOptions.Name();

    public Option<string?> DiagnosticPort { get; } = DiagnosticsOptions.DiagnosticPort();

    public Argument<string[]> Launch { get; } = DiagnosticsOptions.Command();

    /// <summary>The options (a TargetOptions record) with the target this command line gives.</summary>
    public T Bind<T>(T options, ParseResult parseResult)
        where T : TargetOptions
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return (T)((TargetOptions)options with
        {
            ProcessId = parseResult.GetValue(ProcessId),
            ProcessName = parseResult.GetValue(Name),
            DiagnosticPort = parseResult.GetValue(DiagnosticPort),
            LaunchCommand = parseResult.GetValue(Launch) is { Length: > 0 } command ? command : null,
        });
    }

    /// <summary>
    /// Runs a session on the target the options name: a running process as it is, or an app on a diagnostic port
    /// (listened for or started) from its start.
    /// </summary>
    public static async Task<T> AttachAsync<TOptions, T>(
        TOptions options,
        Func<TOptions, CancellationToken, Task<T>> running,
        Func<PortAttachment, TOptions, CancellationToken, Task<T>> fromStart,
        CancellationToken cancellationToken)
        where TOptions : TargetOptions
    {
        ArgumentNullException.ThrowIfNull(running);
        ArgumentNullException.ThrowIfNull(fromStart);
        if (!PortAttachment.IsRequested(options))
        {
            return await running(options, cancellationToken);
        }

        await using var port = await PortAttachment.OpenAsync(options, cancellationToken);
        return await fromStart(port, options, cancellationToken);
    }
}
