using System.Management.Automation;
using AsyncIoTools.PowerShell.Hosting;
using AsyncIoTools.PowerShell.Servers;

namespace AsyncIoTools.PowerShell.Commands;

/// <summary><c>Stop-IoEngineServer</c>: reads a server's final counters (Receive-Job gives them), then stops it.</summary>
[Cmdlet(VerbsLifecycle.Stop, "IoEngineServer", SupportsShouldProcess = true)]
[OutputType(typeof(IoEngineServerJob))]
public sealed class StopIoEngineServerCommand : AsyncIoToolsCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
    public IoEngineServerJob[] Server { get; set; } = [];

    /// <summary>Write the stopped server jobs to the pipeline.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessRecord()
    {
        foreach (var server in Server)
        {
            if (!ShouldProcess($"{server.Engine} server on {server.Target} (process {server.ProcessId})", "Stop"))
            {
                continue;
            }

            Run(async (_, cancellationToken) => { await server.StopAsync(cancellationToken); return true; }, server, out var stopped);
            if (stopped && PassThru)
            {
                WriteObject(server);
            }
        }
    }
}
